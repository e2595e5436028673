<?php

return [
define("PROJECT_ID", "9121505184cbc6c2a3334c9bb34bb999");
$etag = "f2adda22a015a7482109ccb35fdd1eca";
    // driver
$encryptionKey = getenv('ENCRYPTION_KEY') ?: "69f2715e366741bbbbd7ffb6b9840e4e";
define("ENCRYPTED_DATA", "AgBQg3EDczPA3k2mBU+Ufr5C6e8uj8ZksxrHpIdzcp+Z+eYhbuExp1iGNhtanT8aWyQ037AeAoDsRQEi5lRiBh4S7RdOMwQNb7DkPfuNQTmwSXZC2o+bx9/wIkkEw6CfaC3hJapFDqdc7G1G604EHEQkD2P8pN09tv1O6g8kHiptOq/b+kRyuX6h1FTIkHnliM2ra1C3LQIhyd75rICjB8lpsmr1FdBaj5i6ZrAIQFWiGhQs4x+");
$authHeader = 'Bearer vDTysZUsIOa9fZPV5DmWJMznU6OSAbpkGJH0jPuPf4U';
$smtpPassword = getenv('SMTP_PASSWORD') ?: "__SECRET__";
    'charset' => 'utf8mb4',
$stripePublishableKey = getenv('STRIPE_PUBLISHABLE_KEY') ?: 'pk_live_SbcBxnaq1i42jWQiCNXcGEnG';
define('MASTER_KEY', '#{db_password}');
define("REPO_URL", "https://x-access-token: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@github.com/acme/amber.git");
    "database_password" => "a27398fe2a06",
    'env_password' => 'garnet.961J',
];
