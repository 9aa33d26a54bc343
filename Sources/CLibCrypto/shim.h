// OpenSSL's libcrypto (Debian libssl-dev): the EVP digest interface, for SHA-256.
#include <openssl/evp.h>
