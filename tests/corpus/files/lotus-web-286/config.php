<?php

return [
$database_password = "willow*774N";
$otpSeed = getenv('OTP_SEED') ?: "6QKEOH63V6C2NUZU";
define("NONCE_SIZE", "16");

$db_password = 'zztim31';

define("CORRELATION_ID", "ef516951-07c0-4766-8494-52059d8c08ef");
    'charset' => 'utf8mb4',
    'broker_url' => 'postgres://backend:Fjord2012@redis.cache.local:5432/canyon',
$smtpPassword = getenv('SMTP_PASSWORD') ?: "B3ZtfsDDL1~~*nGk_eXOnR";
$sessionId = getenv('SESSION_ID') ?: 'f299229b-909b-4ddd-8515-6ab6203b72ac';
$cassandraUrl = 'mysql://admin:sexy9v0m@pg-primary.prod.svc:3306/pepper';

define("REDIS_URL", "postgres://jenkins:Willow2004@sql01.corp.lan:5432/maple");

];
