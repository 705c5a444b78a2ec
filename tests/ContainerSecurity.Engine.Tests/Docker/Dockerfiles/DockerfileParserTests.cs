using ContainerSecurity.Engine.Docker.Dockerfiles;

namespace ContainerSecurity.Engine.Tests.Docker.Dockerfiles;

public sealed class DockerfileParserTests
{
    [Fact]
    public void ContinuationsJoinAndSkipCommentAndEmptyLines()
    {
        var syntax = DockerfileParser.Parse("FROM alpine:3.20\nRUN apk add \\\n    # comment\n\n    curl \\  \n    git\nUSER app\n");
        var run = syntax.Instructions[1];
        Assert.Equal("RUN", run.Keyword);
        Assert.Equal(2, run.Line);
        Assert.Equal(6, run.EndLine);
        Assert.Equal("apk add     curl     git", run.Arguments);
        Assert.Equal(7, syntax.Instructions[2].Line);
        Assert.Empty(syntax.Diagnostics);
    }

    [Fact]
    public void EscapeDirectiveChangesTheContinuationCharacter()
    {
        var syntax = DockerfileParser.Parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\n");
        Assert.Equal('`', syntax.Escape);
        Assert.Equal("`", syntax.Directives["escape"]);
        Assert.Equal("dir c:\\     && echo done", syntax.Instructions[1].Arguments);
    }

    [Fact]
    public void DirectivesStopAtTheFirstCommentOrInstruction()
    {
        var syntax = DockerfileParser.Parse("# a comment\n# escape=`\nFROM alpine\n");
        Assert.Empty(syntax.Directives);
        Assert.Equal('\\', syntax.Escape);
    }

    [Fact]
    public void HeredocsAreReadWithTheirBodies()
    {
        var syntax = DockerfileParser.Parse("FROM alpine\nRUN <<EOF\napk add curl\necho 'x <<NOT'\nEOF\nCOPY <<-\"CONF\" /etc/app.conf\n\tkey=value\n\tCONF\nUSER app\n");
        var run = syntax.Instructions[1];
        var heredoc = Assert.Single(run.Heredocs);
        Assert.Equal("EOF", heredoc.Delimiter);
        Assert.Equal("apk add curl\necho 'x <<NOT'\n", heredoc.Content);
        Assert.Equal(5, run.EndLine);
        var copy = syntax.Instructions[2];
        Assert.Equal("key=value\n", Assert.Single(copy.Heredocs).Content);
        Assert.Equal(9, syntax.Instructions[3].Line);
        Assert.Empty(syntax.Diagnostics);
    }

    [Fact]
    public void ExecFormAndFlagsAreRecognised()
    {
        var syntax = DockerfileParser.Parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nCOPY --from=build --chmod=0755 /out/app /app\nCMD [\"/app\", \"--port\", \"8080\"]\nENTRYPOINT [not json\n");
        Assert.Equal("$BUILDPLATFORM", syntax.Instructions[0].Flag("platform"));
        Assert.Equal("build", syntax.Instructions[1].Flag("from"));
        Assert.Equal("0755", syntax.Instructions[1].Flag("chmod"));
        Assert.Equal(["/app", "--port", "8080"], syntax.Instructions[2].ExecForm);
        Assert.Null(syntax.Instructions[3].ExecForm);
    }

    [Fact]
    public void BadLinesBecomeDiagnosticsAndTheRestIsRead()
    {
        var syntax = DockerfileParser.Parse("FROM alpine\nFROBNICATE now\nRUN <<EOF\necho never closed\nUSER app\n");
        Assert.Contains(syntax.Diagnostics, d => d.Line == 2 && d.Message.Contains("unknown instruction: FROBNICATE", StringComparison.Ordinal));
        Assert.Contains(syntax.Diagnostics, d => d.Line == 3 && d.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Equal(["FROM", "RUN"], syntax.Instructions.Select(i => i.Keyword));
    }

    [Fact]
    public void StagesResolveGlobalArgsAndParents()
    {
        var document = DockerfileDocument.Parse("ARG BASE=debian\nARG TAG\nFROM ${BASE}:${TAG:-12} AS base\nENV APP=/srv\nFROM base AS final\nARG BASE\nUSER ${APP_USER:-app}\nRUN echo $BASE $APP\n", "Dockerfile");
        Assert.Equal(2, document.Stages.Count);
        Assert.Equal("debian:12", document.Stages[0].BaseImage);
        Assert.Same(document.Stages[0], document.FinalStage!.Parent);
        var run = document.FinalStage.Steps[^1];
        Assert.Equal("debian /srv", run.Expand("$BASE $APP"));
        Assert.Equal("app", document.FinalStage.Steps[1].Expand("${APP_USER:-app}"));
    }

    [Fact]
    public void UnresolvedBuildArgumentsAreReported()
    {
        var document = DockerfileDocument.Parse("ARG IMAGE\nFROM $IMAGE\n", "Dockerfile");
        Assert.Equal(["IMAGE"], document.Stages[0].UnresolvedInBase);
    }

    [Theory]
    [InlineData("curl -fsSL https://x | sh", 2, true)]
    [InlineData("echo 'a | b' && ls", 2, false)]
    [InlineData("sudo -u root apt-get install -y gcc", 1, false)]
    public void ShellCommandsSplitOnOperatorsOutsideQuotes(string script, int count, bool secondIsPiped)
    {
        var commands = ShellCommand.Parse(script);
        Assert.Equal(count, commands.Count);
        Assert.Equal(secondIsPiped, commands.Count > 1 && commands[1].PipedFromPrevious);
    }

    [Fact]
    public void SudoPrefixIsSkippedToFindTheProgram()
    {
        var command = Assert.Single(ShellCommand.Parse("DEBIAN_FRONTEND=noninteractive sudo -u root apt-get install -y gcc"));
        Assert.Equal("apt-get", command.Program);
        Assert.True(command.UsesSudo);
    }
}
