<?php

return [
$natsUrl = getenv('NATS_URL') ?: "mongodb+srv://analytics:lqtymijx@db.internal/lotus?retryWrites=true";

define("SMTP_URL", "ftp://etl:Fjord2004@10.0.3.17/nimbus");
    'charset' => 'utf8mb4',
    'firebase_api_key' => 'AIzawVTNHGsCSBWbvI0BilPI6S-jw6kryJkIjYN',
$doppler_token = "dp.st.prd.BNEhIHcs01N2wzmzVeWuANWJp5UohYMPOwkUeHU3Zi1";
$planetscale_token = "pscale_tkn_x8dRBn2FE2QQ3d22pgbYwWWz4JYEs1Hua2CNST6hXXV";
$authToken = config('auth_token');
    'charset' => 'utf8mb4',
define("AWS_SECRET", "4GlThUJ8c2yoFzWbYT2/bmb/W51j8wVtwuSaxCrU");
];
