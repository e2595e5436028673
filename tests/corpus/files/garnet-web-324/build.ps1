param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$Authorization = "Basic <base64(user:password)>"

$env:TRIGGER_TOKEN = 'glptt-f9c6dfce773882f4a1ca8faadb1dea986c14b90e'
$FirebaseApiKey = "AIzaD6VkBh1Q735TNOAlO4cZv__0D3zY-EEpKKW"

$env:TWILIO_ACCOUNT_SID = 'ACd10840978bfdb98adecf1d24284b62fc'
$TravisToken = "DH6hf5dsYTcE5Nm42I7E9O"
    SmtpPassword = "dja-cg0u-v"
$secure = Read-Host -AsSecureString -Prompt 'Password'
