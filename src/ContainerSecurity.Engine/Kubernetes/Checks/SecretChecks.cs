using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP019 secrets as literal env values, KP020 Secrets exposed through env. Values are never reported, only masked.</summary>
internal sealed class SecretChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP019", "KP020"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var container in workload.Containers)
        {
            bool literal = false, exposed = false;
            var env = workload.List(container.Node, "env", container.Path);
            for (var i = 0; i < env.Count; i++)
            {
                var path = $"{container.Path}.env[{i}]";
                var name = env[i]["name"]?.Text ?? string.Empty;
                var value = workload.String(env[i], "value", path);
                if (!string.IsNullOrEmpty(value) && !value.Contains("$(", StringComparison.Ordinal)
                    && (SecretDetector.IsSecretName(name) || SecretDetector.LooksLikeSecretValue(value)))
                {
                    literal = true;
                    var kind = SecretDetector.DescribeValue(value);
                    context.Fail("KP019", container, path + ".value", env[i]["value"],
                        $"Container '{container.Name}' sets {name} to a literal {(kind ?? "secret")} in the pod spec.",
                        $"{name}={SecretDetector.Mask(value)}", "valueFrom.secretKeyRef, or a Secret mounted as a file");
                }

                if (env[i]["valueFrom"]?["secretKeyRef"] is { } reference)
                {
                    exposed = true;
                    context.Fail("KP020", container, path + ".valueFrom.secretKeyRef", reference,
                        $"Container '{container.Name}' receives Secret {reference["name"]?.Text}/{reference["key"]?.Text} in environment variable {name}.",
                        $"{name} from secretKeyRef {reference["name"]?.Text}", "Secret mounted as a file");
                }
            }

            var envFrom = workload.List(container.Node, "envFrom", container.Path);
            for (var i = 0; i < envFrom.Count; i++)
            {
                if (envFrom[i]["secretRef"] is { } reference)
                {
                    exposed = true;
                    context.Fail("KP020", container, $"{container.Path}.envFrom[{i}].secretRef", reference,
                        $"Container '{container.Name}' loads every key of Secret {reference["name"]?.Text} into its environment.",
                        $"envFrom secretRef {reference["name"]?.Text}", "Secret mounted as a file");
                }
            }

            if (!literal)
            {
                context.Pass("KP019", container, container.Path + ".env", container.Node["env"], $"Container '{container.Name}' sets no secret literally.");
            }

            if (!exposed)
            {
                context.Pass("KP020", container, container.Path + ".env", container.Node["env"], $"Container '{container.Name}' takes no Secret through its environment.");
            }
        }
    }
}
