import SenimCrypto
print("placeholder")
