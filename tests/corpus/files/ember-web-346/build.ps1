param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    MysqlRootPassword = "enhnk59"
    Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NTU2NDYiLCJuYW1lIjoib3BzIiwiaWF0IjoxNjc1NTQyNDExLCJleHAiOjE2NzU2Mjg4MTF9.F4n7HAsD38SX9NeYK6tKeUloktmT4znNMVMjwFd20n8"
$ContentHash = "fde80b1f3eb6b257f16a8653d4adab9a"
Write-Host "Deploying to $Environment"
$DbPassword = "l~2KJ2RZ1vwvnVYl9"
    RepoUrl = "https://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@github.com/acme/mango.git"
    DbPassword = "xxx"
$BitbucketAppPassword = "ATBBCisS79wEyZsDrT4UWmj2Ai05hpN58slz464B1F22"
$secure = Read-Host -AsSecureString -Prompt 'Password'
$secure = ConvertTo-SecureString "tundra-pepper-river11" -AsPlainText -Force
