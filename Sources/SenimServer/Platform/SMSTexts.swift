import SenimEvidence

/// The SMS texts, per language. Codes never appear anywhere else (not in logs, not in answers).
enum SMSTexts {
    static func loginCode(_ code: String, language: Language) -> String {
        switch language {
        case .ru: return "Senimkey: код для входа \(code). Никому не сообщайте его."
        case .kk: return "Senimkey: кіру коды \(code). Оны ешкімге айтпаңыз."
        case .en: return "Senimkey: your login code is \(code). Do not share it."
        }
    }

    static func signingLink(_ link: String, partner: String, document: String, language: Language) -> String {
        switch language {
        case .ru: return "Senimkey: \(partner) просит подписать «\(document)». \(link)"
        case .kk: return "Senimkey: \(partner) «\(document)» құжатына қол қоюды сұрайды. \(link)"
        case .en: return "Senimkey: \(partner) asks you to sign \"\(document)\". \(link)"
        }
    }

    static func signatureCode(_ code: String, action: SESAction, language: Language) -> String {
        let rejecting = action == .reject
        switch language {
        case .ru: return "Senimkey: код \(code) — \(rejecting ? "отказ от подписания" : "подписание") документа. Никому не сообщайте его."
        case .kk: return "Senimkey: \(code) коды — құжатқа \(rejecting ? "қол қоюдан бас тарту" : "қол қою"). Оны ешкімге айтпаңыз."
        case .en: return "Senimkey: code \(code) \(rejecting ? "rejects" : "signs") the document. Do not share it."
        }
    }
}

/// What the signer is shown and agrees to when confirming by SMS code; its SHA-256 is bound into the code.
enum ConsentText {
    static func text(for action: SESAction, language: Language) -> String {
        switch (action, language) {
        case (.reject, .ru): return "Я отказываюсь подписывать этот документ и подтверждаю отказ одноразовым SMS-кодом."
        case (.reject, .kk): return "Мен бұл құжатқа қол қоюдан бас тартамын және бас тартуды бір реттік SMS-кодпен растаймын."
        case (.reject, .en): return "I refuse to sign this document and confirm the refusal with a one-time SMS code."
        case (_, .ru): return "Я ознакомился с документом и подписываю его простой электронной подписью — одноразовым SMS-кодом."
        case (_, .kk): return "Мен құжатпен таныстым және оған қарапайым электрондық қолтаңбамен — бір реттік SMS-кодпен қол қоямын."
        case (_, .en): return "I have read the document and sign it with a simple electronic signature, a one-time SMS code."
        }
    }
}
