namespace ContainerSecurity.Engine.Files;

/// <summary>The path names a FIFO, device or socket: its content is not read (it may never end, or never come).</summary>
public sealed class NotRegularFileException(string path, FileProbe probe)
    : IOException($"{path}: is {probe.Describe()}, not a regular file; it was not read.")
{
    /// <summary>The path.</summary>
    public string Path { get; } = path;
}

/// <summary>The file holds more than its kind's bound (<see cref="InputKind.MaxBytes"/>).</summary>
public sealed class InputTooLargeException(string path, InputKind kind)
    : IOException($"{path}: holds more than {kind.MaxSizeText}, the most a {kind.Noun} may hold; it was not audited.")
{
    /// <summary>The path.</summary>
    public string Path { get; } = path;
}

/// <summary>Bytes that are not valid in the file's encoding; the position says where.</summary>
public sealed class InputEncodingException(string path, string encodingName, long byteOffset, int line, int column, string? consequence = null)
    : FormatException($"{path}:{line}:{column}: the bytes at byte offset {byteOffset} are not valid {encodingName}; {consequence ?? "the file was not audited."}")
{
    /// <summary>The path or label.</summary>
    public string Path { get; } = path;

    /// <summary>The offset of the first bad byte from the start of the file.</summary>
    public long ByteOffset { get; } = byteOffset;

    /// <summary>The 1-based line of the bad byte.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column (in characters) of the bad byte.</summary>
    public int Column { get; } = column;
}
