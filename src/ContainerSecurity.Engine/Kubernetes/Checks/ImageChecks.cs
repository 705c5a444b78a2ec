using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP030 no tag, KP031 latest, KP032 not pinned by digest, KP033 mutable tag without imagePullPolicy Always.</summary>
internal sealed class ImageChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP030", "KP031", "KP032", "KP033"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var container in workload.Containers)
        {
            var image = workload.String(container.Node, "image", container.Path);
            if (string.IsNullOrWhiteSpace(image))
            {
                continue;
            }

            var node = container.Node["image"];
            var path = container.Path + ".image";
            var reference = ImageReference.Parse(image);
            var pinned = reference.Digest is not null;

            context.Report(!pinned && reference.Tag is null, "KP030", container, path, node,
                $"Container '{container.Name}' uses image {image} without a tag, which means latest.",
                $"Container '{container.Name}' names a tag or digest.", $"image: {image}", "image: repository:version@sha256:…");
            context.Report(!pinned && reference.Tag == "latest", "KP031", container, path, node,
                $"Container '{container.Name}' uses the moving latest tag ({image}).",
                $"Container '{container.Name}' does not use latest.", $"image: {image}", "a version tag pinned by digest");
            context.Report(!pinned, "KP032", container, path, node,
                $"Container '{container.Name}' image {image} is not pinned by digest, so the same reference can run different content.",
                $"Container '{container.Name}' image is pinned by digest.", $"image: {image}", "image: …@sha256:<digest>");

            // Kubernetes defaults the policy to Always for latest or untagged images, IfNotPresent otherwise.
            var policy = workload.String(container.Node, "imagePullPolicy", container.Path)
                ?? (reference.Tag is null or "latest" ? "Always" : "IfNotPresent");
            context.Report(!pinned && policy != "Always", "KP033", container, container.Path + ".imagePullPolicy", container.Node["imagePullPolicy"] ?? node,
                $"Container '{container.Name}' uses the mutable tag {image} with imagePullPolicy {policy}: nodes run whatever they cached, without a registry authorization check.",
                $"Container '{container.Name}' pulls by digest or always.", $"imagePullPolicy: {policy}", "a digest, or imagePullPolicy: Always");
        }
    }
}
