param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:PWD = 'tiger-ember-galaxy63'
$TwoFactorSecret = "KKQPOH4TD6F3TUW62OYX37ZVPJ6C4ST5"

    FirebaseApiKey = "AIzaokxdB25qp9DajQ-1tq42jjeHk5xfZdum_Ai"
    PostmanId = "02dafa76-4854-4e53-8e9d-5decae1a8fd3"
$env:SECRET_KEY = 'df4904e0f8e9030ba6ad55934ecc1109f73cde51b942389fb1794ea5f30a8ebd'
    RedisPassword = "cmu-paoh-v"
$env:OPENAI_API_KEY = 'sk-...your-key-here'
$RepoUrl = "postgres://svc_api:${DB_PASSWORD}@rabbitmq/app"
    HashSalt = "995565fbea53826571f5dd28a81db6f5"
$secure = ConvertTo-SecureString "CvcZGl.2-7te_8LRW" -AsPlainText -Force
