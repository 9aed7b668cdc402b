// converge-render renders a chart with Helm's own engine the way `helm install` / `helm upgrade`
// does against a live cluster: the cluster's version and API groups in .Capabilities, `lookup`
// answered by the cluster (read-only), .Release.Revision/IsUpgrade from the release history, and
// Helm's own split into manifests, hooks and crds/. helm-java cannot do this (its template is
// client-only and its dry-run install returns no manifests), hence this small binding.
//
// Input: one JSON request on stdin. Output: one JSON result on stdout.
// Exit 2: the chart or values are wrong (final). Exit 3: the cluster could not be asked (retry).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strings"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/releaseutil"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"
)

type request struct {
	Chart       string `json:"chart"`
	Release     string `json:"release"`
	Namespace   string `json:"namespace"`
	ValuesFile  string `json:"valuesFile"`
	Revision    int    `json:"revision"`
	Upgrade     bool   `json:"upgrade"`
	Offline     bool   `json:"offline"`
	Kubeconfig  string `json:"kubeconfig"`
	KubeContext string `json:"kubeContext"`
	KubeVersion string `json:"kubeVersion"`
	// The run's identity (tenant mode): every call, lookup included, impersonates this user.
	Impersonate string `json:"impersonate"`
	// Mode "package": write the chart, values baked in, as a reproducible archive (bundles).
	Mode    string `json:"mode"`
	Version string `json:"version"`
	Output  string `json:"output"`
	// werf's service values converge added (e.g. "werf.env"): left out where the schema forbids them.
	ServiceValues []string `json:"serviceValues"`
}

type doc struct {
	Source  string `json:"source"`
	Content string `json:"content"`
}

type hook struct {
	Source  string   `json:"source"`
	Content string   `json:"content"`
	Events  []string `json:"events"`
}

type result struct {
	KubeVersion string       `json:"kubeVersion"`
	Manifests   []doc        `json:"manifests"`
	Hooks       []hook       `json:"hooks"`
	Crds        []doc        `json:"crds"`
	Notes       string       `json:"notes"`
	Manifest    string       `json:"manifest"`
	Chart       *chart.Chart `json:"chart"`
	Dropped     []string     `json:"droppedServiceValues"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail(2, "bad render request: %v", err)
	}
	var out interface{}
	var code int
	var err error
	if req.Mode == "package" {
		out, code, err = packageChart(req)
	} else {
		out, code, err = render(req)
	}
	if err != nil {
		fail(code, "%v", err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail(3, "cannot write result: %v", err)
	}
}

func fail(code int, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}

func render(req request) (*result, int, error) {
	chrt, err := loader.Load(req.Chart)
	if err != nil {
		return nil, 2, fmt.Errorf("cannot load chart: %w", err)
	}
	switch chrt.Metadata.Type {
	case "", "application":
	default:
		return nil, 2, fmt.Errorf("%s charts are not installable", chrt.Metadata.Type)
	}
	if err := action.CheckDependencies(chrt, chrt.Metadata.Dependencies); err != nil {
		return nil, 2, fmt.Errorf("chart dependencies are missing from charts/ (run `helm dependency build`): %w", err)
	}
	vals, err := readValues(req.ValuesFile)
	if err != nil {
		return nil, 2, err
	}
	if err := chartutil.ProcessDependenciesWithMerge(chrt, vals); err != nil {
		return nil, 2, err
	}
	vals, dropped := fitServiceValues(chrt, vals, req.ServiceValues)

	caps := chartutil.DefaultCapabilities.Copy()
	var restConfig *rest.Config
	if !req.Offline {
		restConfig, err = clientConfig(req)
		if err != nil {
			return nil, 3, err
		}
		if caps, err = discover(restConfig); err != nil {
			return nil, 3, err
		}
	} else if req.KubeVersion != "" {
		kv, err := chartutil.ParseKubeVersion(req.KubeVersion)
		if err != nil {
			return nil, 2, err
		}
		caps.KubeVersion = *kv
	}
	// A real install applies crds/ before it builds .Capabilities, so their API versions count.
	caps.APIVersions = append(caps.APIVersions, crdVersions(chrt)...)

	if chrt.Metadata.KubeVersion != "" && !chartutil.IsCompatibleRange(chrt.Metadata.KubeVersion, caps.KubeVersion.String()) {
		return nil, 2, fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", chrt.Metadata.KubeVersion, caps.KubeVersion.String())
	}
	revision := req.Revision
	if revision < 1 {
		revision = 1
	}
	options := chartutil.ReleaseOptions{
		Name: req.Release, Namespace: req.Namespace, Revision: revision,
		IsInstall: !req.Upgrade, IsUpgrade: req.Upgrade,
	}
	top, err := chartutil.ToRenderValues(chrt, vals, options, caps)
	if err != nil {
		return nil, 2, err
	}
	var files map[string]string
	if restConfig != nil {
		files, err = engine.New(restConfig).Render(chrt, top)
	} else {
		files, err = engine.Render(chrt, top)
	}
	if err != nil {
		return nil, 2, err
	}
	out, code, err := split(chrt, files, caps)
	if out != nil {
		out.Dropped = dropped
	}
	return out, code, err
}

// split is Helm's renderResources: NOTES.txt of the top chart, then SortManifests in install order.
func split(chrt *chart.Chart, files map[string]string, caps *chartutil.Capabilities) (*result, int, error) {
	var notes strings.Builder
	for name, content := range files {
		if strings.HasSuffix(name, "NOTES.txt") {
			if name == path.Join(chrt.Name(), "templates", "NOTES.txt") {
				notes.WriteString(content)
			}
			delete(files, name)
		}
	}
	hooks, manifests, err := releaseutil.SortManifests(files, nil, releaseutil.InstallOrder)
	if err != nil {
		return nil, 2, err
	}
	out := &result{KubeVersion: caps.KubeVersion.Version, Notes: notes.String(), Chart: chrt,
		Manifests: []doc{}, Hooks: []hook{}, Crds: []doc{}}
	var manifest strings.Builder
	for _, m := range manifests {
		out.Manifests = append(out.Manifests, doc{Source: m.Name, Content: m.Content})
		fmt.Fprintf(&manifest, "---\n# Source: %s\n%s\n", m.Name, m.Content)
	}
	out.Manifest = manifest.String()
	for _, h := range hooks {
		events := []string{}
		for _, e := range h.Events {
			events = append(events, string(e))
		}
		out.Hooks = append(out.Hooks, hook{Source: h.Path, Content: h.Manifest, Events: events})
	}
	for _, crd := range chrt.CRDObjects() {
		out.Crds = append(out.Crds, doc{Source: crd.Filename, Content: string(crd.File.Data)})
	}
	return out, 0, nil
}

func readValues(file string) (map[string]interface{}, error) {
	vals := map[string]interface{}{}
	if file == "" {
		return vals, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &vals); err != nil {
		return nil, fmt.Errorf("values are not a JSON object: %w", err)
	}
	if vals == nil {
		vals = map[string]interface{}{}
	}
	return vals, nil
}

func clientConfig(req request) (*rest.Config, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if req.Kubeconfig != "" {
		rules.ExplicitPath = req.Kubeconfig
	}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: req.KubeContext}
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("cannot load kube config: %w", err)
	}
	config.QPS, config.Burst = 50, 100
	if req.Impersonate != "" {
		config.Impersonate = rest.ImpersonationConfig{UserName: req.Impersonate}
	}
	return config, nil
}

// discover builds .Capabilities as Helm's Configuration.getCapabilities does.
func discover(config *rest.Config) (*chartutil.Capabilities, error) {
	dc, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return nil, err
	}
	version, err := dc.ServerVersion()
	if err != nil {
		return nil, fmt.Errorf("cannot read the cluster's version: %w", err)
	}
	apiVersions, err := action.GetVersionSet(dc)
	if err != nil {
		return nil, fmt.Errorf("cannot discover the cluster's API versions: %w", err)
	}
	return &chartutil.Capabilities{
		APIVersions: apiVersions,
		KubeVersion: chartutil.KubeVersion{Version: version.GitVersion, Major: version.Major, Minor: version.Minor},
		HelmVersion: chartutil.DefaultCapabilities.HelmVersion,
	}, nil
}

type crdHead struct {
	Kind string `json:"kind"`
	Spec struct {
		Group    string `json:"group"`
		Version  string `json:"version"`
		Versions []struct {
			Name string `json:"name"`
		} `json:"versions"`
		Names struct {
			Kind string `json:"kind"`
		} `json:"names"`
	} `json:"spec"`
}

func crdVersions(chrt *chart.Chart) []string {
	var out []string
	for _, crd := range chrt.CRDObjects() {
		for _, text := range releaseutil.SplitManifests(string(crd.File.Data)) {
			var head crdHead
			if yaml.Unmarshal([]byte(text), &head) != nil || head.Kind != "CustomResourceDefinition" {
				continue
			}
			versions := []string{}
			if head.Spec.Version != "" {
				versions = append(versions, head.Spec.Version)
			}
			for _, v := range head.Spec.Versions {
				versions = append(versions, v.Name)
			}
			for _, v := range versions {
				gv := head.Spec.Group + "/" + v
				out = append(out, gv, gv+"/"+head.Spec.Names.Kind)
			}
		}
	}
	return out
}
