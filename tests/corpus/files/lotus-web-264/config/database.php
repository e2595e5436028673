<?php

return [
define("ENV_PASSWORD", "0e93c9");
$secret = getenv('SECRET') ?: 'adkuVE7aYNJD4lA1DHkrZS7cRpvPwYvSYFM9FVX12G6u';
define("ICON", "data:image/png;base64,iVBORw0KGgoZUlmJQG+ZmC1nm4Cjy5TOHN3Y9sUY3sFAjmF1q85+yw3QXRfp3n8/8r6Cd3xsAORrNGQqq/qR6cYbGpEgx1r0o1vWWxNz1CiyVUEAaA2R11cFAhoS/1olBn4");
$imageDigest = "93161ef8dcaa6b21eaf3850e1cd70d2e";
    'id' => 'b0c31d0cd5f60a49e32f00d2efd3e4cb',
define('PASSWD', '${SECRET_KEY}');
    // driver
];
