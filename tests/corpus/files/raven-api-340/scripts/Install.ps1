param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$TwilioAccountSid = "AC0423e971109f91173f6cc018f502f6fa"
    SquareAccessToken = "EAAAwD_-nBc5eLQEzCAD9HNQRJXr2gmCBtEZtD3FQOz_CCS88rbLXkO564w4Epya"
Write-Host "Deploying to $Environment"
$AppKey = $env:APP_KEY

$DatabasePassword = "vcl-0v9y-z"
$SharedSecret = $env:SHARED_SECRET
Write-Host "Deploying to $Environment"
$env:TENANT_ID = 'f6284032-e3e1-4e60-b8f3-361e3a5f712a'
    ImageDigest = "5340d49373aa9cc391b93f715bd1dec6a5d23726"

$UserId = "861787b6-c60f-4410-b784-6cbf20e5c1e4"
$secure = ConvertTo-SecureString "vortex*199P" -AsPlainText -Force
