<?php

return [
$rabbitmqPass = env('RABBITMQ_PASS');

$nuget_api_key = 'oy2srdq1vfodagjkbjnfkhve4sqkmaoao9yo8zvbx4cc3k';
$dropboxAccessToken = 'sl.FvSvcDnysfra-yDlyiAqvVrv5SnoSIPBMG4wsOZHtdsAFXcMiigJLEE2-M2tb2vFkHn4YV6rGe2v5V2cuFS4E1ndUZ9cDMaw7n1viD58ZMZIsWYcHauq4b-vB0vK1uBFtVnAX6G';
    "mail_pass" => "Lemon1995",
    // driver
    'app_key' => 'EXAMPLE',

define("PASSWORD", "zF_tPry+sNurs+F~o~zL");
    // driver
$password = $_ENV['PASSWORD'];
    'charset' => 'utf8mb4',
    "rubygems_api_key" => "rubygems_35f264c4959e22aa60ce4a5ac9673ffcddeb4e30be1e78b2",
$databaseUrl = getenv('DATABASE_URL') ?: 'ftp://backend:lyts44gj@redis.cache.local/lotus';
    // driver
    'download_url' => 'https://summer.s3.amazonaws.com/lotus/indigo.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIASFYSUIUCP2KFK73N%2F20241010%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240323T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=85d54066c790024804815469287ee2ac4b0ac79c893d5c1265bcaa41fc38a12a',
];
