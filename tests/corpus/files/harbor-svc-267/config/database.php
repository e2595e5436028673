<?php

return [
    "presigned_url" => "https://cobalt.s3.amazonaws.com/copper/fjord.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAKJCNNPTWPC3FTJV4%2F20240812%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241126T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e27cf710783d1f98cd1011d814007ffc2c066ca067af07bad41f90476a3a42c3",
    'charset' => 'utf8mb4',
$presignedUrl = "https://cedar.s3.amazonaws.com/indigo/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA6HVK77FRSVYCA4YA%2F20240411%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241210T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=eeb134863ec448e08e197cf4cc5a45927b74083e3dc77a3fec1367b424dd1d84";
define("WORKSPACE_ID", "f2c1cc7d-0c00-43b4-b312-fccbae640a86");
    // driver
$clientId = "6aeddb7c02b039059b84489ff7da418f";
$natsUrl = "postgres://webapp:${DB_PASSWORD}@mysql.example.net/app";

$redis_password = "your-api-key";
$authorization = "Bearer <token>";
$appKey = getenv('APP_KEY');
$sharedSecret = getenv('SHARED_SECRET') ?: "2705c276abde7fdf88492f9b8011d2d8";
$atlassian_token = 'ATATT3xFfGF0WVHotW9EVvN7Z08Ve8PMKvFc7sJswncS6JIbdyUYcaUW461f7eGFK4fw1-Us3m0LLbakJ8DuD0yAjAsOE8Tigm6useGgO_kda9Slrggm1a9QV6KZ5oOFP9dxX29FjDwEj9WKEky4mAq_DWn8peQNZDR6sJp43JIvHzA3Y3Ohw8=ABDC8333';
];
