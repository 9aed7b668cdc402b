package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"time"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"sigs.k8s.io/yaml"
)

// packaged is what a bundle publish needs besides the archive: Helm's OCI config blob.
type packaged struct {
	Config  string   `json:"config"`
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Dropped []string `json:"droppedServiceValues"`
}

// packageChart writes the chart as `helm package` lays it out, with the release's values merged
// over the chart's defaults in values.yaml. Unlike chartutil.Save the archive is reproducible
// (fixed times and order), so publishing the same chart and values twice gives the same digest.
func packageChart(req request) (*packaged, int, error) {
	chrt, err := loader.Load(req.Chart)
	if err != nil {
		return nil, 2, fmt.Errorf("cannot load chart: %w", err)
	}
	if err := action.CheckDependencies(chrt, chrt.Metadata.Dependencies); err != nil {
		return nil, 2, fmt.Errorf("chart dependencies are missing from charts/ (run `helm dependency build`): %w", err)
	}
	user, err := readValues(req.ValuesFile)
	if err != nil {
		return nil, 2, err
	}
	// Validated as a render sees the chart: disabled subcharts removed (the archive keeps them all).
	rendered, err := loader.Load(req.Chart)
	if err != nil {
		return nil, 2, fmt.Errorf("cannot load chart: %w", err)
	}
	if err := chartutil.ProcessDependenciesWithMerge(rendered, user); err != nil {
		return nil, 2, err
	}
	user, dropped := fitServiceValues(rendered, user, req.ServiceValues)
	merged := dropNulls(chartutil.MergeTables(user, chrt.Values))
	if err := chartutil.ValidateAgainstSchema(chrt, merged); err != nil {
		return nil, 2, fmt.Errorf("values do not match the chart's schema: %w", err)
	}
	valuesYaml, err := yaml.Marshal(merged)
	if err != nil {
		return nil, 2, err
	}
	if req.Version != "" {
		chrt.Metadata.Version = req.Version
	}
	if err := chrt.Validate(); err != nil {
		return nil, 2, fmt.Errorf("invalid chart: %w", err)
	}
	config, err := json.Marshal(chrt.Metadata)
	if err != nil {
		return nil, 3, err
	}
	file, err := os.Create(req.Output)
	if err != nil {
		return nil, 3, err
	}
	defer file.Close()
	zipped := gzip.NewWriter(file)
	archive := tar.NewWriter(zipped)
	if err := writeChart(archive, chrt, "", valuesYaml); err != nil {
		return nil, 3, err
	}
	if err := archive.Close(); err != nil {
		return nil, 3, err
	}
	if err := zipped.Close(); err != nil {
		return nil, 3, err
	}
	return &packaged{Config: string(config), Name: chrt.Name(), Version: chrt.Metadata.Version, Dropped: dropped}, 0, nil
}

// dropNulls removes keys set to null: in Helm a null value deletes the default it overrides.
func dropNulls(values map[string]interface{}) map[string]interface{} {
	for key, value := range values {
		switch v := value.(type) {
		case nil:
			delete(values, key)
		case map[string]interface{}:
			dropNulls(v)
		}
	}
	return values
}

// writeChart follows chartutil's writeTarContents; values replaces the top chart's values.yaml.
func writeChart(out *tar.Writer, c *chart.Chart, prefix string, values []byte) error {
	base := path.Join(prefix, c.Name())
	meta, err := yaml.Marshal(c.Metadata)
	if err != nil {
		return err
	}
	if err := writeFile(out, path.Join(base, chartutil.ChartfileName), meta); err != nil {
		return err
	}
	if c.Lock != nil {
		lock, err := yaml.Marshal(c.Lock)
		if err != nil {
			return err
		}
		if err := writeFile(out, path.Join(base, "Chart.lock"), lock); err != nil {
			return err
		}
	}
	if values == nil {
		for _, f := range c.Raw {
			if f.Name == chartutil.ValuesfileName {
				values = f.Data
			}
		}
	}
	if values != nil {
		if err := writeFile(out, path.Join(base, chartutil.ValuesfileName), values); err != nil {
			return err
		}
	}
	if c.Schema != nil {
		if err := writeFile(out, path.Join(base, chartutil.SchemafileName), c.Schema); err != nil {
			return err
		}
	}
	for _, f := range c.Templates {
		if err := writeFile(out, path.Join(base, f.Name), f.Data); err != nil {
			return err
		}
	}
	for _, f := range c.Files {
		if err := writeFile(out, path.Join(base, f.Name), f.Data); err != nil {
			return err
		}
	}
	for _, dep := range c.Dependencies() {
		if err := writeChart(out, dep, path.Join(base, chartutil.ChartsDir), nil); err != nil {
			return err
		}
	}
	return nil
}

var epoch = time.Unix(0, 0)

func writeFile(out *tar.Writer, name string, body []byte) error {
	header := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), ModTime: epoch, Typeflag: tar.TypeReg}
	if err := out.WriteHeader(header); err != nil {
		return err
	}
	_, err := out.Write(body)
	return err
}
