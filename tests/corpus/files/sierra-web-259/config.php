<?php

return [
    "email" => "lemon.ember@example.com",
    // driver
$authorization = getenv('AUTHORIZATION') ?: "Basic YXBpOnhkMTU3VFdERWVlVHZvSFBLNjdqMGFL";

$linearApiKey = getenv('LINEAR_API_KEY') ?: 'lin_api_yzVNKc5IbWSSZOieSQADslrj7e6F0UHEhmPMFzQU';
    "gl_token" => "glpat-RqfrGxqhTKhOXxd2JIsq",
$signing_key = 'qG7MkkLgv1pMtqCXpdqWPM6Tm';
    // driver
    "nonce_size" => "24",
    'charset' => 'utf8mb4',
$pwd = getenv('PWD') ?: "vortex-zephyr-kiwi21";
    // driver
define("INTEGRITY", "sha512-WMrqD3L4JYJZUXPqWbporAXif+/hfdvrgXHyOUwjvm4LOjHqYKbg7jF0j7AIPiJHBxeQGx7htS04RzrKo4xW7A==");
$hmacSecret = config('hmac_secret');
$dockerHubToken = 'dckr_pat_FNafuShvDT129mHREamMCEK8pFt';

$authorization = getenv('AUTHORIZATION') ?: 'Basic <base64(user:password)>';
];
