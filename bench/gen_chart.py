#!/usr/bin/env python3
"""Writes a chart of N objects (ConfigMaps, Secrets, Services, 1-replica Deployments) for the bench.

Usage: gen_chart.py DIR N
The value `version` goes into every object, so `--set version=2` changes all of them and rolls
every Deployment (pod template annotation).
"""
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "templates"), exist_ok=True)
with open(os.path.join(out, "Chart.yaml"), "w") as f:
    f.write(f"apiVersion: v2\nname: bench-{n}\nversion: 0.1.0\ndescription: {n} generated objects for bench/run.sh\n")
with open(os.path.join(out, "values.yaml"), "w") as f:
    f.write("version: 1\nimage: registry.local/bench/app:1.0\n")
kinds = {"configmap": 0.4, "secret": 0.3, "service": 0.15, "deployment": 0.15}
counts = {k: int(n * share) for k, share in kinds.items()}
counts["configmap"] += n - sum(counts.values())
templates = {
    "configmap": """{{- range $i := until %d }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-{{ $i }}
data:
  version: {{ $.Values.version | quote }}
  payload: "bench object {{ $i }}"
{{- end }}
""",
    "secret": """{{- range $i := until %d }}
---
apiVersion: v1
kind: Secret
metadata:
  name: secret-{{ $i }}
stringData:
  token: "token-{{ $i }}-{{ $.Values.version }}"
{{- end }}
""",
    "service": """{{- range $i := until %d }}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-{{ $i }}
  annotations:
    bench/version: {{ $.Values.version | quote }}
spec:
  selector:
    app: app-{{ $i }}
  ports:
    - port: 80
      targetPort: 8080
{{- end }}
""",
    "deployment": """{{- range $i := until %d }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{{ $i }}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-{{ $i }}
  template:
    metadata:
      labels:
        app: app-{{ $i }}
      annotations:
        bench/version: {{ $.Values.version | quote }}
    spec:
      containers:
        - name: app
          image: {{ $.Values.image }}
{{- end }}
""",
}
for kind, count in counts.items():
    with open(os.path.join(out, "templates", kind + ".yaml"), "w") as f:
        f.write(templates[kind] % count if count else "")
