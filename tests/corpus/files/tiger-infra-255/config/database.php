<?php

return [
define("MYSQL_ROOT_PASSWORD", "ILr*16WHtDk*tj9");
    // driver
    "account_key" => "z78g8Lq17VyedtRE6GtfvZy94qjVhlPUjTi1BllfhaOA1lBnlMkOpz6GTJSnTZHLn4Tl/c/hf/BF6/6CvhY8fQ==",
    'charset' => 'utf8mb4',
$privateToken = getenv('PRIVATE_TOKEN') ?: "t4OF4nVN0xUdXoaIPKHbMZY5E3Wyp34j-8rynVdK-GM";
$github_token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
$apiKey = getenv('API_KEY') ?: "f09cf09ee1609c974c1c04550499cbc6";

$mongoUri = getenv('MONGO_URI') ?: 'ftp://sync:Kiwi1992@pg-primary.prod.svc/kiwi';
];
