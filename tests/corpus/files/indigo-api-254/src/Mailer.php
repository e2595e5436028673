<?php

return [
$password = getenv('PASSWORD') ?: 'jasa13';
    // driver
define('POSTGRES_PASSWORD', 'e^T6jfWx5vD9_');
    "basic_auth" => "Basic YW5hbHl0aWNzOmw0RFplR1Z4cENQWlI=",
$app_secret = '{{ secret }}';
$mail_pass = "example";
    // driver
define('AUTHORIZATION', 'Basic <base64(user:password)>');
    'charset' => 'utf8mb4',
define("ICON", "data:image/png;base64,iVBORw0KGgoXDN5VwZ1hte51t5ltLJw/HN8ZZe+5/IxRMJq1AgafnodgIycssODoaFHccUYzPJMi/i2HytoJkJb6/YG9G3E0k5s2l/Z0aahLQHb3Nty67YsFvODhyH4KILX");
    'charset' => 'utf8mb4',
$awsAccessKeyId = getenv('AWS_ACCESS_KEY_ID') ?: 'AKIAYOFIPIA4HEXAMPLE';
    'smtp_password' => 'winter-cobalt-harbor68',
    // driver
];
