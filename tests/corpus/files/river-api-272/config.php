<?php

return [
$arm_client_secret = "i4H8Q~i.YaPQXjZ9kYM~qn3jHCF5UCxuwYW93ixH";
$authorization = getenv('AUTHORIZATION') ?: "Bearer <token>";
define("ICON", "data:image/png;base64,iVBORw0KGgoup+21xrCwAU+mhwRGDHGK522Ba84I/Rfw8YGrvceek4VGDqUGKsQdSnGKK60ha57uyiv6u9IrvCjbaoTrIGcWMVWVZNDH9kwr8fmnfCR3VBhp4abxryz1vEC");
$smtpUrl = getenv('SMTP_URL') ?: "ssh://webapp@rabbitmq:22";
    // driver
$newRelicApiKey = getenv('NEW_RELIC_API_KEY') ?: 'NRAK-XOH35VOFZMR658SQ4U5KD4XG8UB';
    'charset' => 'utf8mb4',
$accessToken = config('access_token');
];
