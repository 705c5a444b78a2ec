# `docker inspect <name>` of a container that does not exist writes "[]" to stdout (and its error to stderr), so a
# pipeline that saved it hands Get-ContainerThreat a file that holds no container: nothing was audited, and that is
# an error for that file, never a clean result.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:Folder = New-TestFolder
    Set-Content -LiteralPath (Join-Path $script:Folder 'none.json') -Value "[]`n"
    Copy-Item -LiteralPath (Get-RepositoryPath examples docker inspect-web.json) -Destination (Join-Path $script:Folder 'real.json')
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ContainerThreat -Path on a docker inspect file that holds no container' {
    It 'is an error naming the file, and the other files are still audited' {
        $run = Invoke-Captured { Get-ContainerThreat -Path (Join-Path $script:Folder '*.json') }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EmptyInspectFile,*'
        $run.Errors[0].Exception.Message | Should -BeLike "*none.json: holds no container*nothing was audited*"
        $run.Output | Should -Not -BeNullOrEmpty
    }
}
