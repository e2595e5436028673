param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    OtpSeed = "6MTXANN52YKBH6DT"
Write-Host "Deploying to $Environment"
$SmtpPassword = "redacted"

$GhInstallationToken = "ghu_rqgCAjgsDi3WldWAv3O1AeNHna0NUP41ALdO"
$env:DIGEST = '87893255830b6dcccc1d81b8225eaa013efb48ff'
    DopplerToken = "dp.st.prd.uwOJEFvXFIuadIqlp3dSyhgyor2wq2bTZhBG3BfX9tf"
    Secret = "base64:eYtK1QNI6eKvoh9We4qmf8SYc01nltIACASCwaISKnQ="

$env:SLACK_APP_TOKEN = 'xapp-1-AVPM0DGY7GB-2262350006525-e3b3234dcd5868f9501a49e64bf1818d2b751bcec72c7f26e93cff07dd88b615'

$secure = Read-Host -AsSecureString -Prompt 'Password'
