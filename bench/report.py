#!/usr/bin/env python3
"""Tables and JSON of a bench run: medians (min-max) per size, tool and phase, ratios against Helm,
converge's own breakdown (time per activity type, history events and bytes), worker RSS peak.

Usage: report.py RUNS.ndjson RESULTS_DIR FAR_MS QUICK RSS_PEAK_KB TEMPORAL_ADDRESS
With QUICK=1 the exit code is 1 when converge's install + upgrade (medians) took longer than Helm 3's
in this run (a ratio, never an absolute time).
"""
import datetime
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict

runs_file, results_dir, far, quick, rss_kb, temporal = sys.argv[1:7]
runs = [json.loads(line) for line in open(runs_file) if line.strip()]
failed = [r for r in runs if not r["ok"]]


def summary(values):
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2), "max": round(max(values), 2), "n": len(values)}


def breakdown(workflow_id, run_id=""):
    try:
        out = subprocess.run(["temporal", "workflow", "show", "--workflow-id", workflow_id, "--address", temporal, "-o", "json"]
                             + (["--run-id", run_id] if run_id else []),
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (subprocess.SubprocessError, FileNotFoundError):
        return None
    events = json.loads(out).get("events", [])
    scheduled, per_type, spans = {}, defaultdict(float), []
    for e in events:
        a = e.get("activityTaskScheduledEventAttributes")
        if a:
            scheduled[int(e["eventId"])] = (a["activityType"]["name"], when(e))
        c = e.get("activityTaskCompletedEventAttributes")
        if c and int(c["scheduledEventId"]) in scheduled:
            name, start = scheduled[int(c["scheduledEventId"])]
            per_type[name] += (when(e) - start).total_seconds()
            spans.append((start, when(e)))
    wall = (when(events[-1]) - when(events[0])).total_seconds() if events else 0.0
    # Time no activity ran: workflow tasks, timers, Temporal round trips between the activities.
    busy, reach = 0.0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            busy += (end - start).total_seconds()
            reach = end
        elif end > reach:
            busy += (end - reach).total_seconds()
            reach = end
    return {"events": len(events), "bytes": len(out), "workflow_seconds": round(wall, 2), "between_activities_seconds": round(wall - busy, 2),
            "seconds_per_activity": {k: round(v, 2) for k, v in sorted(per_type.items(), key=lambda kv: -kv[1])}}


def when(event):
    return datetime.datetime.fromisoformat(event["eventTime"].replace("Z", "+00:00"))

groups = defaultdict(list)
charts = defaultdict(list)
for r in runs:
    if r["ok"] and r["phase"] == "chart":
        charts[(r["chart"], r["tool"])].append(r)
    elif r["ok"]:
        groups[(r["size"], r["tool"], r["phase"])].append(r["seconds"])
table = {f"{size}/{tool}/{phase}": summary(v) for (size, tool, phase), v in sorted(groups.items())}
ratios = {}
for (size, tool, phase), values in groups.items():
    if tool != "converge":
        continue
    for helm in ("helm3", "helm4"):
        other = groups.get((size, helm, phase))
        if other:
            ratios[f"{size}/{phase}/converge:{helm}"] = round(statistics.median(values) / statistics.median(other), 3)
# The last run of each size and phase: its history is the breakdown shown. An upgrade's workflow id
# is its install's too (one release), so each run's history is read by run id.
last = {}
for r in runs:
    if r["tool"] == "converge" and r["ok"] and r["phase"] in ("install", "upgrade"):
        last[(r["size"], r["phase"])] = (r["workflowId"], r.get("runId", ""))
details = {f"{size}/{phase}": breakdown(*ids) for (size, phase), ids in sorted(last.items())}
conc = groups.get((0, "concurrent", "concurrency"))
lone = groups.get((0, "lone", "concurrency"))
concurrency = None
if conc and lone:
    ordered = sorted(conc)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    concurrency = {"n": len(conc), "failed": len([r for r in failed if r["tool"] == "concurrent"]), "p50": round(statistics.median(conc), 2),
                   "p95": round(p95, 2), "lone": round(lone[0], 2), "p95_over_lone": round(p95 / lone[0], 2)}

def fairness(lone_tool, flood_tool):
    alone, flooded, flood = (groups.get((0, t, p)) for t, p in ((lone_tool, "alone"), (lone_tool, "flooded"), (flood_tool, "fairness")))
    if not (alone and flooded and flood):
        return None
    ordered = sorted(flood)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return {"tries": len(flooded), "flood": len(flood) // len(flooded), "lone_alone_median": round(statistics.median(alone), 2),
            "lone_alone_max": round(max(alone), 2), "lone_flooded_median": round(statistics.median(flooded), 2),
            "lone_flooded_max": round(max(flooded), 2), "lone_max_over_alone_max": round(max(flooded) / max(alone), 2),
            "flood_p50": round(statistics.median(flood), 2), "flood_p95": round(p95, 2),
            "flood_p95_over_lone_alone": round(p95 / statistics.median(alone), 2)}


fair = fairness("lone", "flood")
fair_helm = fairness("lone-helm3", "flood-helm3")
# Real charts (--chart): each install on a clean cluster state; the last converge's history shown.
chart_table = {}
for name in sorted({c for c, _ in charts}):
    row = {}
    for tool in ("converge", "helm3"):
        done = charts.get((name, tool))
        if done:
            row[tool] = summary([r["seconds"] for r in done])
            row[tool]["cpu_median"] = round(statistics.median([r["cpu"] for r in done if r["cpu"] is not None] or [0]), 2)
    if "converge" in row and "helm3" in row:
        row["ratio"] = round(row["converge"]["median"] / row["helm3"]["median"], 3)
    if (name, "converge") in charts:
        row["converge_breakdown"] = breakdown(charts[(name, "converge")][-1]["workflowId"], charts[(name, "converge")][-1]["runId"])
    chart_table[name] = row
cpu = defaultdict(list)
for r in runs:
    if r["ok"] and r.get("cpu") is not None and r["size"]:
        cpu[(r["size"], r["tool"], r["phase"])].append(r["cpu"])
cpu_table = {f"{size}/{tool}/{phase}": round(statistics.median(v), 2) for (size, tool, phase), v in sorted(cpu.items())}

result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "machine": f"{os.cpu_count()} cores",
          "far_rtt_ms": float(far), "table": table, "ratios": ratios, "converge_breakdown": details, "concurrency": concurrency,
          "fairness": fair, "fairness_helm3": fair_helm, "charts": chart_table, "cpu_seconds_median": cpu_table, "worker_rss_peak_mb": round(int(rss_kb) / 1024, 1), "failed_runs": failed}
os.makedirs(results_dir, exist_ok=True)
path = os.path.join(results_dir, f"bench-{result['date'].replace(':', '')}.json")
with open(path, "w") as f:
    json.dump(result, f, indent=2)

print(f"\nbench ({'far, ' + far + ' ms RTT' if float(far) else 'near'} cluster, {os.cpu_count()} cores) - seconds, median (min-max)")
print(f"{'size':>6} {'tool':<9} {'install':>22} {'upgrade':>22}")
for size in sorted({k[0] for k in groups if k[0]}):
    for tool in ("converge", "helm3", "helm4"):
        cells = []
        for phase in ("install", "upgrade"):
            s = table.get(f"{size}/{tool}/{phase}")
            cells.append(f"{s['median']:.2f} ({s['min']:.2f}-{s['max']:.2f})" if s else "-")
        if cells != ["-", "-"]:
            print(f"{size:>6} {tool:<9} {cells[0]:>22} {cells[1]:>22}")
print("ratios converge/helm (median):", json.dumps(ratios))
for key, d in details.items():
    if d:
        top = ", ".join(f"{k} {v}s" for k, v in list(d["seconds_per_activity"].items())[:5])
        print(f"converge {key}: {d['workflow_seconds']}s in the workflow, {d['between_activities_seconds']}s between activities, "
              f"{d['events']} history events, {d['bytes']} bytes; {top}")
if concurrency:
    print("concurrency:", json.dumps(concurrency))
if fair:
    print("fairness:", json.dumps(fair))
if fair_helm:
    print("fairness, the same with Helm 3:", json.dumps(fair_helm))
for name, row in chart_table.items():
    cells = [f"{t} {row[t]['median']:.2f} s ({row[t]['min']:.2f}-{row[t]['max']:.2f}, CPU {row[t]['cpu_median']:.2f} s)" for t in ("converge", "helm3") if t in row]
    print(f"chart {name} install, median of {max(row[t]['n'] for t in ('converge', 'helm3') if t in row)}: " + "; ".join(cells)
          + (f"; ratio {row['ratio']}" if "ratio" in row else ""))
    d = row.get("converge_breakdown")
    if d:
        top = ", ".join(f"{k} {v}s" for k, v in list(d["seconds_per_activity"].items())[:6])
        print(f"  converge: {d['workflow_seconds']}s in the workflow, {d['between_activities_seconds']}s between activities; {top}")
if cpu_table:
    print("CPU seconds, median (converge: worker + API processes; Helm: its client):", json.dumps(cpu_table))
print(f"worker RSS peak {result['worker_rss_peak_mb']} MB; failed runs: {len(failed)}; written {path}")

if failed:
    sys.exit(1)
if quick == "1":
    # One deploy of the chart, install then upgrade, against Helm 3's of the same: single phases of
    # a second or two swing by a third between runs of the same code on a busy 2-core machine.
    def total(tool):
        return sum(statistics.median(groups[(100, tool, phase)]) for phase in ("install", "upgrade"))
    ratio = total("converge") / total("helm3")
    print(f"bench --quick: converge install+upgrade {total('converge'):.2f}s, Helm 3 {total('helm3'):.2f}s, ratio {ratio:.3f}")
    if ratio > 1.0:
        print("bench --quick: converge slower than Helm 3", file=sys.stderr)
        sys.exit(1)
