<?php

return [
$accessToken = getenv('ACCESS_TOKEN') ?: "base64:E5cvt8/wVj3VCyfWrhctX60YpJpwlcwZ7Md+KMyW0Fk=";
$repoUrl = getenv('REPO_URL') ?: "https://oauth2:glpat-EAWm5X7zIUI6pqevUqr9@gitlab.example.com/acme/galaxy.git";

$accessToken = getenv('ACCESS_TOKEN') ?: 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyMTg2MzQiLCJuYW1lIjoicG9zdGdyZXMiLCJpYXQiOjE2Mzc2OTI4NDgsImV4cCI6MTYzNzc3OTI0OH0.VXEd6YLANu5G7kAtOicrmeKjgnrwUfCVbA_O6mZYBUY';
$salt_rounds = '10';
    'charset' => 'utf8mb4',
$correlationId = getenv('CORRELATION_ID') ?: "a64f06fb-0243-425a-8d93-85e28eb8bc21";
$salt_rounds = '13';
    "service_password" => "Lotus1996",
];
