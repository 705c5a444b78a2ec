BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# KC022 through the cmdlet, against the test API server on 127.0.0.1 with and without its token check.
Describe 'Test-ManagementEndpoint' {
    BeforeEach {
        $server = Start-TestApiServer
        $server.Add('v1', 'Namespace', 'namespaces', '{"metadata":{"name":"shop"}}')
        $namespaces = $server.BaseAddress.ToString() + 'api/v1/namespaces'
    }
    AfterEach { $server.Dispose() }

    It 'passes an API server that demands a token' {
        Test-ManagementEndpoint -Uri $namespaces | Should -BeNullOrEmpty
        Test-ManagementEndpoint -Uri $namespaces -Quiet | Assert-QuietAnswer $true
        $passed = @(Test-ManagementEndpoint -Uri $namespaces -IncludePassed)
        $passed.Count | Should -Be 1
        $passed[0].Status.ToString() | Should -BeExactly 'Pass'
    }

    It 'fails an API server that answers anyone and reports URLs that are not HTTP as errors' {
        $server.RequireToken = $false

        $run = Invoke-Captured { 'ftp://example.invalid/', $namespaces | Test-ManagementEndpoint }

        @($run.Output).Count | Should -Be 1
        $run.Output[0].RuleId | Should -BeExactly 'KC022'
        $run.Output[0].Status.ToString() | Should -BeExactly 'Fail'
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'EndpointNotHttp,*'
        @($server.Requests | Where-Object { $_.Contains('ftp') }) | Should -BeNullOrEmpty
    }
}
