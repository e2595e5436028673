param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY"

    DatabasePassword = "placeholder"
    DiscordWebhook = "https://discord.com/api/webhooks/1589661831859636091/MsRs9czcCEbL-qRfTJVCUWFztrSeZbEtlIC0cec5gtPuivacGM-j4MGpS_1COzkY3LMj"
    McApiKey = "b334dcd44784332e9fd931ade32637dd-us16"
Write-Host "Deploying to $Environment"
    ConnectionString = "Driver={ODBC Driver 18 for SQL Server};Server=db.internal;Uid=webapp;Pwd=fjord.702R;Encrypt=yes"
$env:LDAP_BIND_PASSWORD = 'b965b8'
$secure = ConvertTo-SecureString "Ember1997" -AsPlainText -Force
