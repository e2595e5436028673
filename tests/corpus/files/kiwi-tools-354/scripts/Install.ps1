param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$AppSecret = "REPLACE_ME"
    Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
Write-Host "Deploying to $Environment"
$env:REPO_URL = 'https://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@github.com/acme/orbit.git'
    SmtpPassword = "yrgvo16"
    TraceId = "45817cee-0128-4e9d-aba7-756bdfdd15ab"
Write-Host "Deploying to $Environment"
    SessionSecret = "{{ secret }}"
    RabbitmqPass = "falcon.539X"
Write-Host "Deploying to $Environment"
$SendgridKey = "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"

$secure = ConvertTo-SecureString "Maple2027" -AsPlainText -Force
$secure = ConvertTo-SecureString "dkzq01" -AsPlainText -Force
