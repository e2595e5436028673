param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    FontData = "Rb12qPWlmk/KHXE3idTSwnsnAZtw+oQ7RFAZKVJt9990sIqYKEC20QtFUvi6WKy8cK3skJ/bdQrf+Xz/"

$Secret = $env:SECRET
    Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
Write-Host "Deploying to $Environment"
$NatsSeed = "SUWDETRBUFPD7P6ABHJCHI2JDHI2EVSVU3T7RFNVIC4SVSPU3F674CSI3P"
$OtpSeed = "PTJ4NM7P2E3H53UOQ63R4LQGYIMB656L"

$env:DO_TOKEN = 'dop_v1_6f616efddebe011f018e5acebb9f9df4fa6c10e89adcabec213d9384995872cf'
$RandomSeed = "2024"
$ImageDigest = "2846a24230c2e2a55d95fbe193f1ef19"
Write-Host "Deploying to $Environment"
$Etag = "513a9d95a7e3bd81cd3a2a8d4d8288ecf28d0423"

$secure = Read-Host -AsSecureString -Prompt 'Password'
