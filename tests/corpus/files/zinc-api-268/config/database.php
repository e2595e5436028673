<?php

return [
$connectionString = "Driver={ODBC Driver 18 for SQL Server};Server=db.internal;Uid=ops;Pwd=Garnet1991;Encrypt=yes";
    'charset' => 'utf8mb4',
    "openai_api_key" => "sk-...your-key-here",
define("CASSANDRA_URL", "https://backend:lehx44zq@db/zephyr");

$icon = getenv('ICON') ?: 'data:image/png;base64,iVBORw0KGgo04m3K/8QHjAXUgj3FWfhcPqVXKe+qNaPPBw3XfpJ7LKb/U1JMqD1GjK+C7BQkymYzLSLCwsuvC9ejYaby/bTrrdgmMIWMp/4luHEVNnwrBnh3Pmsgxv5wqVE';
define("SENDGRID_API_KEY", "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");
    'charset' => 'utf8mb4',
$stripeSecretKey = getenv('STRIPE_SECRET_KEY') ?: 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';
    'charset' => 'utf8mb4',
    "x_api_key" => "0b469927-c5c5-4d30-ad20-51c721d79490",
    'grafana_sa_token' => 'glsa_SnYviGC9V2HrxqOfSmRvk6uNZvUcd3hT_5cb7d62b',
    'charset' => 'utf8mb4',
];
