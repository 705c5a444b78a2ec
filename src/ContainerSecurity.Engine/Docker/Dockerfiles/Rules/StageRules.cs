namespace ContainerSecurity.Engine.Docker.Dockerfiles.Rules;

/// <summary>What the final image is: its user (DI001), its health check (DI007), its base images (DI002, DI003).</summary>
internal static class StageRules
{
    public static IEnumerable<DockerfileRule> Rules =>
    [
        new("DI001", FinalUser),
        new("DI002", LatestTag),
        new("DI003", Digest),
        new("DI007", HealthCheck),
    ];

    internal static bool IsRootUser(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name is "root" or "0" || name.Length == 0;
    }

    private static IEnumerable<CheckResult> FinalUser(DockerfileDocument document, DockerfileRule rule)
    {
        if (document.FinalStage is not { } final)
        {
            yield break;
        }

        var last = final.Lineage.SelectMany(s => s.Steps.Where(step => step.Instruction.Keyword == "USER").Reverse()).FirstOrDefault();
        if (last is null)
        {
            yield return rule.Fail(final.From, $"The final stage ({final}) sets no USER, so containers run as root unless the base image {final.BaseImage} sets a user.", "(no USER)", "USER with a non-root name or UID");
            yield break;
        }

        var unresolved = new List<string>();
        var user = last.Expand(last.Instruction.Arguments, unresolved: unresolved).Trim();
        if (unresolved.Count > 0 && user.Split(':')[0].Length == 0)
        {
            yield return rule.Warn(last.Instruction, $"The final USER comes from the build argument {string.Join(", ", unresolved)} with no default; without it the image runs as root.", last.Instruction.Arguments, "USER with a non-root name or UID");
        }
        else if (IsRootUser(user))
        {
            yield return rule.Fail(last.Instruction, $"The final stage ({final}) switches to root with USER {user}, so containers run as root.", "USER " + user, "USER with a non-root name or UID");
        }
        else
        {
            yield return rule.Pass(last.Instruction, $"The final stage runs as {user}.", "USER " + user, "USER with a non-root name or UID");
        }
    }

    private static IEnumerable<DockerfileStage> ImageBases(DockerfileDocument document) =>
        document.Stages.Where(s => s.Parent is null && !s.IsScratch);

    private static IEnumerable<CheckResult> LatestTag(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var stage in ImageBases(document))
        {
            var reference = ImageReference.Parse(stage.BaseImage);
            if (stage.UnresolvedInBase.Count > 0)
            {
                yield return rule.Warn(stage.From, $"The base image of stage {stage} comes from the build argument {string.Join(", ", stage.UnresolvedInBase)} with no default; its tag cannot be checked.", stage.From.Arguments, "a specific version tag or a digest");
            }
            else if (reference.Digest is not null)
            {
                yield return rule.Pass(stage.From, $"The base image {stage.BaseImage} is pinned by digest.", stage.BaseImage, "a specific version tag or a digest");
            }
            else if (reference.Tag is null or "latest")
            {
                yield return rule.Fail(stage.From, $"The base image {stage.BaseImage} of stage {stage} {(reference.Tag is null ? "has no tag and so means :latest" : "uses the moving :latest tag")}.", stage.BaseImage, "a specific version tag or a digest");
            }
            else
            {
                yield return rule.Pass(stage.From, $"The base image {stage.BaseImage} has the version tag {reference.Tag}.", stage.BaseImage, "a specific version tag or a digest");
            }
        }
    }

    private static IEnumerable<CheckResult> Digest(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var stage in ImageBases(document).Where(s => s.UnresolvedInBase.Count == 0))
        {
            var reference = ImageReference.Parse(stage.BaseImage);
            yield return reference.Digest is null
                ? rule.Fail(stage.From, $"The base image {stage.BaseImage} of stage {stage} is not pinned by digest.", stage.BaseImage, "image:tag@sha256:…")
                : rule.Pass(stage.From, $"The base image of stage {stage} is pinned to {reference.Digest}.", stage.BaseImage, "image:tag@sha256:…");
        }
    }

    private static IEnumerable<CheckResult> HealthCheck(DockerfileDocument document, DockerfileRule rule)
    {
        if (document.FinalStage is not { } final)
        {
            yield break;
        }

        var last = final.Lineage.SelectMany(s => s.Steps.Where(step => step.Instruction.Keyword == "HEALTHCHECK").Reverse()).FirstOrDefault();
        if (last is null)
        {
            yield return rule.Fail(final.From, $"The final stage ({final}) defines no HEALTHCHECK (one inherited from {final.BaseImage} cannot be seen here).", "(no HEALTHCHECK)", "HEALTHCHECK CMD …");
        }
        else if (last.Instruction.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            yield return rule.Fail(last.Instruction, "The final stage turns the health check off (HEALTHCHECK NONE).", "HEALTHCHECK NONE", "HEALTHCHECK CMD …");
        }
        else
        {
            yield return rule.Pass(last.Instruction, "The final stage defines a HEALTHCHECK.", "HEALTHCHECK " + last.Instruction.Arguments, "HEALTHCHECK CMD …");
        }
    }
}
