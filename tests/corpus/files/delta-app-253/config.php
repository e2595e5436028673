<?php

return [
define("TOKEN_TYPE", "Bearer");
    'charset' => 'utf8mb4',
$apiKey = '<TOKEN>';
$smtpPassword = config('smtp_password');
$presignedUrl = "https://pepper.s3.amazonaws.com/fjord/amber.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIABL4BL476WG42G6LL%2F20241101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240123T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=7cce377b4db0fb0cd725a8a83fdbf9480534dbb747b0f22c6734e9281afb7d7d";

$ldapBindPassword = getenv('LDAP_BIND_PASSWORD') ?: 'XzJu-aS8iNx31';
    'charset' => 'utf8mb4',
define('PRESIGNED_URL', 'https://bishop.s3.amazonaws.com/fjord/raven.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHQ42OMNTBKDO5CUA%2F20240410%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240626T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=d4261af854693a886c1adc649b6c2275e9325ee560c5679d3a7ea220a33a19dd');
define("HASH_SALT", "Bvwc5DMDnB1iuebC");
];
