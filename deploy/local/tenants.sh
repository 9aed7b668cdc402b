#!/usr/bin/env bash
# Prints the tenancy objects of the local stack (applied by up.sh): the namespaces converge's
# printed examples use and two team namespaces, each with its deployer ServiceAccount bound to the
# built-in `admin` ClusterRole in that namespace only, and a platform namespace whose deployer may
# write cluster-scoped objects (CRDs, ClusterRoles) for the charts that carry them.
# The worker (tenant mode) impersonates system:serviceaccount:<namespace>:converge-deployer.
set -euo pipefail
team() {
  cat <<YAML
---
apiVersion: v1
kind: Namespace
metadata:
  name: $1
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: converge-deployer
  namespace: $1
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: converge-deployer-admin
  namespace: $1
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
subjects:
- kind: ServiceAccount
  name: converge-deployer
  namespace: $1
YAML
}
for ns in shop team-a team-b platform; do team "$ns"; done
cat <<YAML
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: converge-platform-deployer
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: converge-deployer
  namespace: platform
YAML
