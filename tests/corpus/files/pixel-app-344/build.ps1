param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

$env:NATS_URL = 'smtp://svc_api:Delta2008@mysql.example.net:587'
$env:PLANETSCALE_TOKEN = 'pscale_tkn_pcnJ8mF4ZZ56GojwfBQ8bCvp7PzE5GHiOFdlSCDZw9c'
Write-Host "Deploying to $Environment"
    ConnectionString = "host=mongo-0.mongo port=5432 dbname=indigo user=jenkins password=pxrd46"
$AzureClientSecret = "JRk8Q~5oyGkqusiQYHM4ATxDo~ScTsKdr2UNPFLf"
$RepoUrl = "https://oauth2:glpat-01OXkp4elsRVjXYFeC8V@gitlab.example.com/acme/copper.git"

$env:FONT_DATA = 't8a7NZE3jBjAScWvKQ4g1OOCmdb4D8pFu/7QC4gilFUlvrZ7IqICnJoh7/2wCr/a92oAKuomA1kRv/FG'
$env:AWS_SECRET_KEY = 'aSEc0DIAQUgwlZuXQe2ok7603y6mh0wqFKsCCp4w'
    NatsNkey = "SUT3S33OYJ2IEO3PC4MTE6WXE2JNDB2WMDG6QBFD5BRYWQMQOQLCBVFCIN"
Write-Host "Deploying to $Environment"
$secure = Read-Host -AsSecureString -Prompt 'Password'
