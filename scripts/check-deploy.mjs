// Checks rendered Kubernetes manifests (JSON objects, one after another, as `kubectl annotate --local -o json`
// prints them) for what deploy/k8s promises: the security context, the probes, the volumes, the Secret references,
// and the Service, HPA, PDB and NetworkPolicy pointing at the kami pods. Used by scripts/check-deploy.sh.
//   node scripts/check-deploy.mjs <rendered.json>            checks; exit 1 with every problem listed
//   node scripts/check-deploy.mjs --self-test <rendered.json>  breaks each property in turn and fails unless the check notices
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const selfTest = args[0] === '--self-test';
const file = selfTest ? args[1] : args[0];
const objects = JSON.parse('[' + readFileSync(file, 'utf8').trim().replace(/\n\}\s*\n\{/g, '\n},\n{') + ']')
  .flatMap(o => (o.kind === 'List' ? o.items : [o]));

function problemsOf(objects) {
  const problems = [];
  const need = (ok, what) => { if (!ok) problems.push(what); };
  const one = kind => {
    const found = objects.filter(o => o.kind === kind);
    need(found.length === 1, `expected one ${kind}, found ${found.length}`);
    return found[0];
  };
  const deployment = one('Deployment');
  const service = one('Service');
  const hpa = one('HorizontalPodAutoscaler');
  const pdb = one('PodDisruptionBudget');
  const policy = one('NetworkPolicy');
  if (!deployment) return problems;
  const pod = deployment.spec?.template?.spec ?? {};
  const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
  const matches = selector => selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
  const podSecurity = pod.securityContext ?? {};

  need(matches(deployment.spec?.selector?.matchLabels), 'Deployment selector does not match its pod labels');
  need(pod.automountServiceAccountToken === false, 'pod: automountServiceAccountToken must be false (kami never calls the Kubernetes API)');
  need(!pod.hostNetwork && !pod.hostPID && !pod.hostIPC, 'pod: must not share the host network, PID or IPC namespace');
  need(podSecurity.runAsNonRoot === true, 'pod securityContext: runAsNonRoot must be true');
  need(podSecurity.runAsUser === undefined || podSecurity.runAsUser !== 0, 'pod securityContext: runAsUser must not be 0');
  need(podSecurity.seccompProfile?.type === 'RuntimeDefault', 'pod securityContext: seccompProfile.type must be RuntimeDefault');

  const volumes = Object.fromEntries((pod.volumes ?? []).map(v => [v.name, v]));
  need(!(pod.volumes ?? []).some(v => v.hostPath), 'pod: no hostPath volumes');
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const c of containers) {
    const s = c.securityContext ?? {};
    const where = `container ${c.name}`;
    need(s.readOnlyRootFilesystem === true, `${where}: securityContext.readOnlyRootFilesystem must be true`);
    need(s.allowPrivilegeEscalation === false, `${where}: securityContext.allowPrivilegeEscalation must be false`);
    need(s.privileged !== true, `${where}: must not be privileged`);
    need((s.runAsNonRoot ?? podSecurity.runAsNonRoot) === true, `${where}: runAsNonRoot must be true`);
    need(s.runAsUser !== 0, `${where}: runAsUser must not be 0`);
    need((s.capabilities?.drop ?? []).includes('ALL'), `${where}: capabilities.drop must include ALL`);
    need((s.capabilities?.add ?? []).length === 0, `${where}: must add no capabilities`);
    need((s.seccompProfile?.type ?? podSecurity.seccompProfile?.type) === 'RuntimeDefault', `${where}: seccompProfile must be RuntimeDefault`);
    for (const e of c.env ?? []) {
      need(!(e.name === 'KAMI_TOKEN' && e.value !== undefined), `${where}: KAMI_TOKEN must come from a Secret, not a literal value`);
      need(!(e.name === 'KAMI_DB' && e.value !== undefined && /:\/\/[^/]*:[^@/]*@/.test(e.value)), `${where}: a KAMI_DB with a password must come from a Secret`);
    }
  }

  const kami = (pod.containers ?? []).find(c => c.name === 'kami');
  need(kami, 'no container named kami');
  if (kami) {
    const argv = kami.args ?? [];
    need(argv.includes('serve') && argv.includes('--http'), 'kami: must run `serve --http`');
    need(argv.includes('--stateless'), 'kami: replicas behind a Service need --stateless');
    need(kami.livenessProbe?.httpGet?.path === '/healthz', 'kami: livenessProbe must GET /healthz');
    need(kami.readinessProbe?.httpGet?.path === '/readyz', 'kami: readinessProbe must GET /readyz');
    const env = Object.fromEntries((kami.env ?? []).map(e => [e.name, e]));
    const mountAt = path => (kami.volumeMounts ?? []).find(m => m.mountPath === path);
    for (const path of [env.KAMI_HOME?.value ?? '/var/lib/kami', '/tmp']) {
      const mount = mountAt(path);
      need(mount && volumes[mount.name]?.emptyDir, `kami: ${path} must be an emptyDir mount (the root filesystem is read-only)`);
    }
    const tokenFile = env.KAMI_TOKEN_FILE?.value;
    const tokenMount = tokenFile && (kami.volumeMounts ?? []).find(m => tokenFile.startsWith(m.mountPath + '/'));
    need(tokenMount && volumes[tokenMount.name]?.secret && tokenMount.readOnly === true,
      'kami: KAMI_TOKEN_FILE must point into a read-only mount of a Secret');
    need(env.KAMI_DB?.valueFrom?.secretKeyRef?.name, 'kami: KAMI_DB must come from a Secret (secretKeyRef)');
    need(kami.resources?.limits?.memory, 'kami: a memory limit is required');
  }

  if (service) need(matches(service.spec?.selector), 'Service selector does not match the kami pods');
  if (hpa) need(hpa.spec?.scaleTargetRef?.kind === 'Deployment' && hpa.spec?.scaleTargetRef?.name === deployment.metadata?.name,
    'HorizontalPodAutoscaler must scale the kami Deployment');
  if (hpa) need((hpa.spec?.minReplicas ?? 1) >= 2, 'HorizontalPodAutoscaler: minReplicas must be at least 2');
  if (pdb) need(matches(pdb.spec?.selector?.matchLabels), 'PodDisruptionBudget selector does not match the kami pods');
  if (policy) {
    need(matches(policy.spec?.podSelector?.matchLabels), 'NetworkPolicy podSelector does not match the kami pods');
    const types = policy.spec?.policyTypes ?? [];
    need(types.includes('Ingress') && types.includes('Egress'), 'NetworkPolicy must restrict both Ingress and Egress');
    need((policy.spec?.ingress ?? []).every(rule => (rule.from ?? []).length > 0), 'NetworkPolicy: every ingress rule must name its sources');
  }
  return problems;
}

if (!selfTest) {
  const problems = problemsOf(objects);
  for (const p of problems) console.error(`  ${p}`);
  if (problems.length) { console.error(`${file}: ${problems.length} problem(s)`); process.exit(1); }
  console.log(`${file}: ${objects.length} objects, every check holds`);
  process.exit(0);
}

// Each mutation removes one promise; the check must notice every one.
const mutations = {
  'readOnlyRootFilesystem removed': d => { delete d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem; },
  'runAsNonRoot false': d => { d.spec.template.spec.securityContext.runAsNonRoot = false; },
  'capabilities kept': d => { d.spec.template.spec.containers[0].securityContext.capabilities.drop = []; },
  'NET_ADMIN added': d => { d.spec.template.spec.containers[0].securityContext.capabilities.add = ['NET_ADMIN']; },
  'seccomp removed': d => { delete d.spec.template.spec.securityContext.seccompProfile; delete d.spec.template.spec.containers[0].securityContext.seccompProfile; },
  'privilege escalation allowed': d => { d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true; },
  'liveness probe removed': d => { delete d.spec.template.spec.containers[0].livenessProbe; },
  'readiness probe on /healthz': d => { d.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/healthz'; },
  '/tmp on the root filesystem': d => { d.spec.template.spec.containers[0].volumeMounts = d.spec.template.spec.containers[0].volumeMounts.filter(m => m.mountPath !== '/tmp'); },
  'token as a literal': d => { d.spec.template.spec.containers[0].env.push({ name: 'KAMI_TOKEN', value: 'x'.repeat(40) }); },
  'hostPath home': d => { const v = d.spec.template.spec.volumes.find(v => v.emptyDir); delete v.emptyDir; v.hostPath = { path: '/srv/kami' }; },
};
let missed = 0;
for (const [name, mutate] of Object.entries(mutations)) {
  const copy = structuredClone(objects);
  mutate(copy.find(o => o.kind === 'Deployment'));
  const caught = problemsOf(copy).length > 0;
  if (!caught) { missed++; console.error(`  self-test: the check did not notice: ${name}`); }
}
if (problemsOf(objects).length) { console.error('self-test: the unbroken manifests already fail'); process.exit(1); }
if (missed) process.exit(1);
console.log(`self-test: each of ${Object.keys(mutations).length} broken manifests is caught`);
