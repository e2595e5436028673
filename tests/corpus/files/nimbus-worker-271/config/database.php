<?php

return [
$authHeader = 'Bearer {{ token }}';
$nats_url = 'mysql://ci:hpeijdvk@mq.internal.corp:3306/violet';
$user_password = 'a4d812';
    "auth_header" => "Basic YXBpOkxlbW9uMjAwMw==",
    "stripe_secret_key" => "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
    'charset' => 'utf8mb4',
define('FIREBASE_API_KEY', 'AIza-giRFSmRE4zosWHTvjJV5wCG3fifPUWh3l1');
    'sentry_auth_token' => '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',
$redisUrl = getenv('REDIS_URL') ?: 'cassandra://deploy:2eb3TMSK7fcwlL2UK0TUt@pg-primary.prod.svc/kiwi';

$googleClientSecret = getenv('GOOGLE_CLIENT_SECRET') ?: "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";
    "broker_url" => "ssh://grafana@localhost:22",
    'charset' => 'utf8mb4',
    "square_access_token" => "EAAASXYL1D41jeqzWQP7fYj4THtL2BIBatKa-JtgxbcvhF45bB7uT6_X7Fw6S5EQ",
];
