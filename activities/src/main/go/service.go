package main

import (
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
)

// fitServiceValues leaves out werf's service values (werf.env, global.env, added by converge, not
// by the user) that the chart's values schema forbids: such a chart never reads them, and Helm
// would otherwise refuse every install of it (cert-manager, traefik: additionalProperties false).
// It returns the values to use and the paths it left out.
func fitServiceValues(chrt *chart.Chart, vals map[string]interface{}, paths []string) (map[string]interface{}, []string) {
	if len(paths) == 0 || valid(chrt, vals) {
		return vals, nil
	}
	var tries [][]string
	for _, p := range paths {
		tries = append(tries, []string{p})
	}
	tries = append(tries, paths)
	for _, drop := range tries {
		candidate := without(vals, drop)
		if valid(chrt, candidate) {
			return candidate, drop
		}
	}
	// The user's own values are wrong: let Helm name that mistake, not ours.
	return without(vals, paths), paths
}

func valid(chrt *chart.Chart, vals map[string]interface{}) bool {
	coalesced, err := chartutil.CoalesceValues(chrt, vals)
	if err != nil {
		return false
	}
	return chartutil.ValidateAgainstSchema(chrt, coalesced) == nil
}

// without copies vals with the dotted paths removed, and maps they leave empty.
func without(vals map[string]interface{}, paths []string) map[string]interface{} {
	out := copyMap(vals)
	for _, p := range paths {
		keys := strings.Split(p, ".")
		parent, ok := out[keys[0]].(map[string]interface{})
		if !ok || len(keys) != 2 {
			continue
		}
		delete(parent, keys[1])
		if len(parent) == 0 {
			delete(out, keys[0])
		}
	}
	return out
}

func copyMap(in map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(in))
	for k, v := range in {
		if m, ok := v.(map[string]interface{}); ok {
			out[k] = copyMap(m)
		} else {
			out[k] = v
		}
	}
	return out
}
