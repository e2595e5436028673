param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:SESSION_SECRET = 'y5HQyhy9am9lhFGsCYUZh6h8trPzcRbxHkiyp'

$env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjOiHLI5G0IgY7Y3NmKT8xJpXFlMEkaEt9mQMUmfNAVFMpsi2vMhsz9FsOkhcjUoZh1JsW93iysRk6T7WXQdLhFLqgzTIeWH553W0ucIJVmC5LVwMKQe+TG3rRkAyEZkp0bvNc72ROmVamJWxIkpiLixHKsm43zC1Sh0yrPr97LziOHLENI+3IgIQKhGSTntyVTSEqeoDFlbSX8pIvlkWUPwttAA4/NY7gVVqDYec9GNP61CHe934Yt6WcM2e1ymaKvdDvHJH/qayugOk91wluof/4ZcMn0fSTCkciJz5abwec='
$Authorization = "Bearer <token>"

$env:PASSWORD_SALT = '$2b$12$EkGInvNMRwuv4PaUGXH1OB'
$env:REPLICATE_API_TOKEN = 'r8_PjB8fDw4GJqdulfcTRe7SNx2BZ7wb0ESRL5Nk'

$AuthToken = "y191fQMuOTbd-YHY7OK53Y7QyPiwuMuk_nszGIVB0rE"
Write-Host "Deploying to $Environment"
$JenkinsToken = "118ef40e422eb12d4d9c2bf7d023fea159"
Write-Host "Deploying to $Environment"
$env:TWILIO_TOKEN = 'a370200261d5569de5331e36ec7a9aa6'
    SessionSecret = "__SECRET__"
$secure = ConvertTo-SecureString "jlbn55" -AsPlainText -Force
