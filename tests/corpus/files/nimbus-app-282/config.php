<?php

return [
$repoUrl = getenv('REPO_URL') ?: 'https://ghs_qvNA0Am7xsPuecJcUeou3fBChYKsae1nMSEf@github.com/acme/orbit.git';
define('SUBSCRIPTION_ID', 'eefe950e-f5e5-437a-aea8-1bf10c90ee52');
$firebaseApiKey = "AIzaP8uFrX2QWjru0x8qLr6p12M10q2084n4qT1";
    // driver
    'db_password' => '${{ secrets.API_TOKEN }}',
    'charset' => 'utf8mb4',
$youtubeApiKey = 'AIza0SZ0XLkRW8tXtyE-U_Up0FPdhTmdEkmKhDv';

$clientSecret = getenv('CLIENT_SECRET');
$email = 'maple.tiger@example.com';
$key_size = '4096';
];
