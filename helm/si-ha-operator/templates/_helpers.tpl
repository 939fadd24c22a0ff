{{/* Release-scoped name of every object of the chart, at most 63 characters (a DNS label). */}}
{{- define "si-ha-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the operator pods; never change them, a Deployment's selector is immutable. */}}
{{- define "si-ha-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "si-ha-operator.labels" -}}
{{ include "si-ha-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "si-ha-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "si-ha-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "si-ha-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "si-ha-operator.nodeImage" -}}
{{- printf "%s:%s" .Values.nodeImage.repository (default .Chart.AppVersion .Values.nodeImage.tag) -}}
{{- end -}}

{{/*
What the operator does to the SiHaClusters it reconciles and to the objects it creates for them, in the namespaces
it watches. It reads through informers (list, watch), so it needs no get except on pods, which it reads before a
patch. e2e's OperatorRbacTest runs the real operator against a recording API server and fails when one of its
requests is not granted here, or when something granted here is neither requested nor explained there.
*/}}
{{- define "si-ha-operator.reconcileRules" -}}
- apiGroups: ["siha.io"]
  resources: ["sihaclusters"]
  verbs: ["list", "watch"]
- apiGroups: ["siha.io"]
  resources: ["sihaclusters/status"]
  verbs: ["patch"]
# Owner references with blockOwnerDeletion: clusters with the OwnerReferencesPermissionEnforcement admission plugin
# (e.g. OpenShift) require update on the owner's finalizers to set them.
- apiGroups: ["siha.io"]
  resources: ["sihaclusters/finalizers"]
  verbs: ["update"]
# The node pods. get, watch and patch are also what the operator grants the nodes in each NAME-node Role:
# Kubernetes lets it create that Role only while it holds those permissions itself.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "delete", "patch"]
# Secrets and ConfigMaps are watched whole: the user's password Secret and apps ConfigMap carry no label of ours.
- apiGroups: [""]
  resources: ["secrets", "configmaps", "services", "serviceaccounts"]
  verbs: ["list", "watch", "create", "update"]
# The NAME-lb Service goes when spec.service.loadBalancer does; the operator deletes only Services it owns.
- apiGroups: [""]
  resources: ["services"]
  verbs: ["delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["list", "watch", "create", "update"]
# The PodMonitor of each pair whose spec.monitoring.podMonitor asks for one, where the Prometheus Operator's CRDs are
# installed (the operator asks API discovery, which needs no grant); get and delete for one no longer asked for.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["podmonitors"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Failover, switchover, repair and rollout Events on the SiHaClusters.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/*
A map of labels or annotations, each value quoted: Kubernetes takes strings only, and `--set key=true` or `=8080`
gives helm a boolean or a number.
*/}}
{{- define "si-ha-operator.stringMap" -}}
{{- range $key, $value := . }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}
