using System.Text;

namespace ContainerSecurity.Bench.RbacAudit;

/// <summary>
/// Writes a cluster's worth of RBAC: per namespace a Role and a RoleBinding to a few service accounts and groups, and a
/// ClusterRole with ClusterRoleBinding for every tenth; rules mix plain, secret-reading, exec and wildcard grants.
/// </summary>
internal static class RbacManifestGenerator
{
    public static string Generate(int namespaces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < namespaces; i++)
        {
            var ns = $"team-{i}";
            var resources = (i % 4) switch
            {
                0 => "[pods, services, configmaps]",
                1 => "[secrets]",
                2 => "[pods/exec, pods/attach]",
                _ => "[\"*\"]",
            };
            text.Append($"""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {"{"}name: app, namespace: {ns}{"}"}
                rules:
                  - apiGroups: [""]
                    resources: {resources}
                    verbs: [get, list, watch, create]
                  - apiGroups: [apps]
                    resources: [deployments]
                    verbs: [get, list, update, patch]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {"{"}name: app, namespace: {ns}{"}"}
                roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: Role, name: app{"}"}
                subjects:
                  - {"{"}kind: ServiceAccount, name: app, namespace: {ns}{"}"}
                  - {"{"}kind: ServiceAccount, name: {(i % 7 == 0 ? "default" : "worker")}, namespace: {ns}{"}"}
                  - {"{"}kind: Group, name: {ns}-developers, apiGroup: rbac.authorization.k8s.io{"}"}
                ---

                """);
            if (i % 10 == 0)
            {
                text.Append($"""
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    metadata: {"{"}name: reader-{i}{"}"}
                    rules:
                      - apiGroups: ["", apps, batch]
                        resources: [pods, secrets, deployments, jobs, nodes/proxy]
                        verbs: [get, list, watch]
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {"{"}name: reader-{i}{"}"}
                    roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader-{i}{"}"}
                    subjects:
                      - {"{"}kind: ServiceAccount, name: agent, namespace: {ns}{"}"}
                    ---

                    """);
            }
        }

        return text.ToString();
    }
}
