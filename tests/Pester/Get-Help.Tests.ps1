# Get-Help -Full of every exported cmdlet shows the shipped help, not the generated stub.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Add-TraktTestModulePath
    $cmdlets = (Import-Module TraktTracker -PassThru -Force).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TraktTracker.TestHelpers.psm1') -Force
    Import-TraktTestModule
}

Describe 'Get-Help <Name> -Full' -ForEach $cmdlets {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'has a written synopsis and description' {
        $help.Synopsis | Should -Not -BeLike "$Name*" -Because 'a synopsis starting with the name is the generated syntax text'
        $help.Synopsis.Length | Should -BeGreaterThan 20
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has examples with code' {
        $help.examples.example | Should -Not -BeNullOrEmpty
        foreach ($example in $help.examples.example) { $example.code | Should -Not -BeNullOrEmpty }
    }

    It 'describes every parameter and shows the syntax' {
        $help.syntax.syntaxItem | Should -Not -BeNullOrEmpty
        foreach ($parameter in $help.parameters.parameter) {
            ($parameter.description.Text -join '').Length | Should -BeGreaterThan 10 -Because "-$($parameter.name) needs a description"
        }
    }
}

Describe 'Get-Help Get-TraktHistory -Full' {
    It 'shows the parameters in syntax order, -Title positional with wildcards' {
        $help = Get-Help Get-TraktHistory -Full

        $help.syntax.syntaxItem.parameter.name | Should -Be 'Title', 'Type', 'After', 'Before', 'First', 'Online', 'ConfigPath', 'StateDbPath'
        $title = $help.parameters.parameter | Where-Object name -eq 'Title'
        $title.position | Should -Be '0'
        $title.globbing | Should -Be 'true'
    }
}
