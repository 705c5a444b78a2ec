namespace ContainerSecurity;

/// <summary>
/// One right a subject holds through RBAC: a verb on a resource (or non-resource URL), where, and through which
/// binding and role. Wildcards stay as written (<c>*</c>), so a record can stand for many rights.
/// </summary>
public sealed class RbacPermission
{
    /// <summary>The name the API server authenticates: a user, a group, or <c>system:serviceaccount:ns:name</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>User, Group or ServiceAccount.</summary>
    public required string SubjectKind { get; init; }

    /// <summary>The namespace of a service account subject.</summary>
    public string? SubjectNamespace { get; init; }

    /// <summary>The namespace where the right holds; <see langword="null"/> when it holds in every namespace and for cluster-scoped resources.</summary>
    public string? Namespace { get; init; }

    /// <summary>The verb, for example <c>get</c>, or <c>*</c>.</summary>
    public required string Verb { get; init; }

    /// <summary>The API group (<c>""</c> for the core group, <c>*</c> for all); <see langword="null"/> for a non-resource URL.</summary>
    public string? ApiGroup { get; init; }

    /// <summary>The resource (<c>secrets</c>, <c>pods/exec</c>, <c>*</c>) or the non-resource URL (<c>/metrics</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>The only objects the right applies to; empty for all.</summary>
    public required string[] ResourceNames { get; init; }

    /// <summary>How the subject got it: <c>ClusterRoleBinding/x -&gt; ClusterRole/y</c>.</summary>
    public required string Via { get; init; }

    /// <summary>The binding's kind and name.</summary>
    public required string Binding { get; init; }

    /// <summary>The role's kind and name.</summary>
    public required string Role { get; init; }

    /// <summary>The file of the binding, when read from a manifest.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line of the binding in <see cref="File"/>.</summary>
    public int? Line { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} {Verb} {Resource} {(Namespace is null ? "(all namespaces)" : "in " + Namespace)} via {Via}";
}
