param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    DbUrl = "postgres://grafana:Basil2022@db:5432/zinc"
Write-Host "Deploying to $Environment"
$Token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiMDA1OTRhNC0yMmQ2LTRjODktYmIxMi0xNDk4ZWY4YmU5MDAiLCJuYW1lIjoiZXRsIiwiaWF0IjoxNjczNTIyNTEyLCJleHAiOjE3MDUwNTg1MTJ9.Rlt-uBSgGX4_T31WkaUg2Tt1MNY6dXkeXeHzUguq6Zw"
Write-Host "Deploying to $Environment"
$EncryptedData = "AgB7jsAzx4zbQ49v3XN8NupadC4IvgVcJs3EsFrHnxWh0+whFaWaCtLtwgXxmcuACoqUkzD72lgb2O55mHI7LkuUwNaxueFPexlVkxyd/isQ6pJeomAt9Fol80rUaSab18ZJxRSpgoKHy/enD78/LGKpUCvuKgoQXpb/zBFANLV026Q6FMqI5/4DLCRYdf+2EH2kBaB0cPsoJdVjTDRkj5i/skEOgpzT554h17BOy0fj8MBuHZb"

$env:STRIPE_SECRET_KEY = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'
Write-Host "Deploying to $Environment"
$env:COOKIE_SECRET = 'APCAuey4EAdHFyzuvE2fkV55rW7peKPcnkmf4J6Gz7I'
    AdminPassword = "tundra.042S"
$secure = ConvertTo-SecureString "Garnet1997" -AsPlainText -Force
