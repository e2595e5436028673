param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:FONT_DATA = 'UPzHhNb7svNbBXCAppI+eINHYbfUpH4K7ClbxkDdaiXdJBSgpZAgjQFMlha0JHN45WNfU7ZsT3wGOUl3'
$PypiToken = "pypi-AgEIcHlwaS5vcmcCigFPUFhjakU3V2FuNnNJc2tTYWh2eEJCei00NFlUelFwVVp2RXdKSnFLaGNtNlhHT3RjQTNFMVlkd0pFblROY2l2aG9TVnVQdXR0R2R2X1NnMTVmcEJoRFJHV09oRXRBaFduRTRXbG9IcGh0emdtU2F5ZXl2d2V5UHdNYkJkaE9sajNXdVJUUkphTzAAAAYg0xgXJu08vT9naW8vJmmoYllQwMI7x46PCGMW788DlYw"
Write-Host "Deploying to $Environment"
    PresignedUrl = "https://anchor.s3.amazonaws.com/saffron/dragon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA5OF3HORUUSMC2TT5%2F20240419%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241127T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=4a5c0bd47d887dfa8f7f0fdd1168aaa0ef35a4029a01ae418357f573e296394a"
    FirebaseApiKey = "AIzaNjl-0kfwzVp65z7AgogVKsMwEEwMGA7xBPS"
$env:GOOGLE_API_KEY = 'AIzaYSMyRSVbmk9K_mQJjxP_iRShDUNwfmk8j7f'
$env:SENDGRID_API_KEY = 'SG.your_sendgrid_api_key'
$FirebaseApiKey = "AIzalQAdsEVEE3jfHGI9oS_QibSIFN_mO1RmJ5F"
Write-Host "Deploying to $Environment"
$AwsAccessKeyId = "AKIALTER4JO2GUPKW4UO"
$secure = ConvertTo-SecureString "delta-lotus-hazel87" -AsPlainText -Force
$secure = Read-Host -AsSecureString -Prompt 'Password'
