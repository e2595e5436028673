<?php

return [
define("SERVICE_PASSWORD", "Domino2016");
    "aws_secret_access_key" => "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",
    "azure_storage_connection_string" => "DefaultEndpointsProtocol=https;AccountName=stzr2rpzmm8n;AccountKey=uFaSB1bh5Fd4WIZVIYn1IqOfAm/I5ujyD3dMZXsNeIRcMhirS/CWd9+xhAlEIJmCRFE4I6Rs97os/LqlO+WY4A==;EndpointSuffix=core.windows.net",
$basicAuth = getenv('BASIC_AUTH') ?: "Basic cG9zdGdyZXM6Q2VkYXIyMDA4";
$buildSha = getenv('BUILD_SHA') ?: "c4bcb2144a54c3f9c8b6bc86ad3c69b59040c7fc";
    'charset' => 'utf8mb4',
$jdbcUrl = getenv('JDBC_URL') ?: "jdbc:postgresql://orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:5432/lemon?user=grafana&password=WX3xVo5g9d0s";
$awsAccessKeyId = getenv('AWS_ACCESS_KEY_ID') ?: "AKIAQMS7TV76WHK63XTK";
$appKey = config('app_key');
$secretKey = getenv('SECRET_KEY') ?: "af9c4138-f54f-4705-ba26-bf9f5cd4bc7e";
define("PYPI_API_TOKEN", "pypi-AgEIcHlwaS5vcmcCSGVIbnhkUWNYRDRRT0tLazVkdnVKN1JwQ1JKLV82Vmp6d09yRGhGV1pvQ1lJTC1YX3h0N2F6aGRBczVPNGp3Z082NGxjcHoydQAABiDB4oSiMnGMXXB4-YgIl3iyAUOEHaO3RhnL1cJL8mdCuQ");
    // driver
];
