param([string]$Environment = 'staging')
$ErrorActionPreference = 'Stop'

    KeySize = "4096"

$NatsSeed = "SUT35VPCPFHVYTHUEZTVAVOH7WXAQA3N2U4NLD27RZNWX2OWPMDCGAQFRZ"
Write-Host "Deploying to $Environment"
$AzureClientSecret = "FPM8Q~MB-0Bx9nNnDAJKuDsLJ2i.E27HG2w2q7RP"
    StripeWebhookSecret = "whsec_5tnidLLB3EprqfEklWXPMn2oTw2v3eOk"

$Pass = "changeme"

$env:AUTHORIZATION = 'Basic <base64(user:password)>'
$AwsSessionToken = "IQoJb3JpZ2luX2VjqKkY4J0KGQ7RkmpXqY8dA7cwbK+RVXss8UmYsd2xoJWX4rxoE/2L9EYf0neAV7y773cnWiz1daYHpnLtxJtqTlS5EnpzQh4z1A2Bp5iCsXIg086CDnmh59RvIKbg5Ztly5RSFOvxQZ8IrtaC0pLS3iQFUCad9jv+gJuYGxlMS2WufiQ7OPD+I8kKH2/9zrjBpt1bUE1h7g2OXZmbEoI6F+R9mRzFysIn6N9QTAq6/vvs+sY8fQVwTFLcrC8iv1S1E6CXbQJMtldIq2Pq2Dc+3uOHlRUoV589CXYyi55p9+Fo="
$IntegrationKey = "e6437e63-7f51-45d7-b411-3bb7b991f9c3"

$PaypalClientSecret = "Ede6mCtD5G1zlYsM56CQ6RdmyVCoKqcaxwPkZaU9NFA6rDfa5GcO_7PT8HA_QGbdTWQpqHopGIjlD49q"

$secure = ConvertTo-SecureString "galaxy!447W" -AsPlainText -Force
$secure = ConvertTo-SecureString "ae4985" -AsPlainText -Force
