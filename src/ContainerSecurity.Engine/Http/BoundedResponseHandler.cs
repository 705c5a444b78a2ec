namespace ContainerSecurity.Engine.Http;

/// <summary>
/// Reads each response body to the end before the caller sees it, under the request's own cancellation token (so the
/// caller's timeout and Ctrl+C cover the body too, also when the client library later reads it synchronously), and
/// stops at <see cref="ResponseLimits.MaxBodyBytes"/> with a <see cref="ResponseTooLargeException"/>. The audits only
/// make requests whose answers are single JSON documents, so nothing is lost by buffering.
/// </summary>
internal sealed class BoundedResponseHandler(long maxBodyBytes) : DelegatingHandler
{
    private const int ChunkSize = 81920;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            response.Content = await BufferAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpContent> BufferAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBodyBytes)
        {
            throw TooLarge();
        }

        // Sized from Content-Length when the server gives one (never trusted beyond the bound), grown otherwise.
        var buffer = new MemoryStream(declared is { } length ? (int)Math.Min(length, ChunkSize * 16) : ChunkSize);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[ChunkSize];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBodyBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var buffered = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        foreach (var header in content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        buffered.Headers.ContentLength = buffer.Length;
        content.Dispose();
        return buffered;
    }

    private ResponseTooLargeException TooLarge() =>
        new($"the response body is larger than {Describe(maxBodyBytes)}", maxBodyBytes);

    /// <summary>A byte count as people read it: 128 MB, 64 KB.</summary>
    internal static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} bytes",
    };
}
