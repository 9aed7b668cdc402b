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
# CRDs are the platform's: it installs them (here examples/shop's), tenants may read every CRD and
# apply only the ones their charts carry in crds/ (a create cannot be limited by name in RBAC).
echo ---; cat "$(dirname "${BASH_SOURCE[0]}")/../../examples/shop/crds/coupons.yaml"
cat <<YAML
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: converge-tenant-crds
rules:
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch]
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  resourceNames: [coupons.shop.converge.dev]
  verbs: [patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: converge-tenant-crds
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: converge-tenant-crds
subjects:
YAML
for ns in shop team-a team-b; do
  printf -- '- kind: ServiceAccount\n  name: converge-deployer\n  namespace: %s\n' "$ns"
done
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
