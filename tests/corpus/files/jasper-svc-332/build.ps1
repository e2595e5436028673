param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$RabbitmqPass = $env:RABBITMQ_PASS
$env:FIREBASE_API_KEY = 'AIzaEDDiboUJpF4p5yxGnROer_PKajIc4BRhnNE'
Write-Host "Deploying to $Environment"
$OpenaiKey = "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"
    Authorization = "Basic <base64(user:password)>"
    Icon = "data:image/png;base64,iVBORw0KGgoDTEI1ndJa1eeyJRGH/5dE7/iJORUcXdWaJqetVA4gW5/k9QSgMD7bhsbcOQMmR6KhJuIXsDAGDHIkQjBYcm6KPW5Go3I6rTAZMGYHlWLkPbCaAqVMSJInt8z"
$CryptKey = (Get-Secret -Name crypt_key -AsPlainText)
Write-Host "Deploying to $Environment"
    TeamsWebhookUrl = "https://contoso27.webhook.office.com/webhookb2/ec314ca7-5b66-441e-a6f9-cfae4b667304@f62f50a0-b8ba-4964-99d8-894a888f371b/IncomingWebhook/aa59d1de94f484774ad63c1302b9e6ff/1fada0fe-7ce9-46ae-a230-ac09aba9f0dd"
$secure = ConvertTo-SecureString "WeuvBFaSs1q.p2T^_jf~*Yy6" -AsPlainText -Force
$secure = ConvertTo-SecureString "oct-qhvk-n" -AsPlainText -Force
