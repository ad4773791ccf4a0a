import SenimWorkflow

/// The one sentence a user reads for each refusal, in Russian, Kazakh and English, and its stable code.
/// SMS-code failures all read the same (PSD2 RTS Art. 4(3)(b): do not tell a guesser which part was wrong);
/// the typed reason is in the audit log.
enum UserMessages {
    static func code(of reason: APIError.Reason) -> String { entry(reason).code }

    static func text(for reason: APIError.Reason, in language: UserLanguage) -> String {
        let entry = entry(reason)
        switch language {
        case .ru: return entry.ru
        case .kk: return entry.kk
        case .en: return entry.en
        }
    }

    private struct Entry { let code: String, ru: String, kk: String, en: String }

    private static func entry(_ reason: APIError.Reason) -> Entry {
        switch reason {
        case .notAuthenticated, .workflow(.notAuthenticated):
            return Entry(code: "NOT_AUTHENTICATED", ru: "Войдите по номеру телефона и SMS-коду.", kk: "Телефон нөмірі мен SMS-кодпен кіріңіз.",
                         en: "Log in with your phone number and SMS code.")
        case .permissionDenied(let why), .workflow(.permissionDenied(let why)):
            return Entry(code: "FORBIDDEN", ru: "Действие недоступно: \(why).", kk: "Әрекет қолжетімсіз: \(why).", en: "Not permitted: \(why).")
        case .badRequest(let why), .workflow(.invalidInput(let why)):
            return Entry(code: "INVALID_INPUT", ru: "Неверные данные: \(why).", kk: "Деректер қате: \(why).", en: "Invalid input: \(why).")
        case .notFound, .workflow(.documentNotFound), .workflow(.signerNotFound), .workflow(.partnerNotFound):
            return Entry(code: "NOT_FOUND", ru: "Не найдено.", kk: "Табылмады.", en: "Not found.")
        case .payloadTooLarge(let limit):
            return Entry(code: "TOO_LARGE", ru: "Файл больше допустимого (\(limit) байт).", kk: "Файл рұқсат етілгеннен үлкен (\(limit) байт).",
                         en: "The file is larger than allowed (\(limit) bytes).")
        case .unreadableSignature(let why):
            return Entry(code: "UNREADABLE_SIGNATURE", ru: "Подпись не читается: \(why).", kk: "Қолтаңба оқылмайды: \(why).", en: "The signature cannot be read: \(why).")
        case .unavailable:
            return Entry(code: "UNAVAILABLE", ru: "Сервис временно недоступен. Повторите попытку.", kk: "Қызмет уақытша қолжетімсіз. Қайталап көріңіз.",
                         en: "The service is temporarily unavailable. Try again.")
        case .workflow(let error):
            return workflowEntry(error)
        }
    }

    private static func workflowEntry(_ error: WorkflowError) -> Entry {
        switch error {
        case .partnerInactive:
            return Entry(code: "PARTNER_INACTIVE", ru: "Партнёр деактивирован.", kk: "Серіктес белсенді емес.", en: "The partner is inactive.")
        case .userBlocked:
            return Entry(code: "USER_BLOCKED", ru: "Учётная запись заблокирована.", kk: "Есептік жазба бұғатталған.", en: "The account is blocked.")
        case .illegalTransition(let command, let status):
            return Entry(code: "ILLEGAL_TRANSITION", ru: "Действие «\(command)» невозможно для документа в статусе «\(status.rawValue)».",
                         kk: "«\(status.rawValue)» мәртебесіндегі құжат үшін «\(command)» әрекеті мүмкін емес.",
                         en: "\(command) is not possible for a document in status \(status.rawValue).")
        case .notSignersTurn:
            return Entry(code: "NOT_SIGNERS_TURN", ru: "Сейчас не ваша очередь подписывать.", kk: "Қазір қол қою кезегі сізде емес.", en: "It is not your turn to sign.")
        case .signingMethodNotAllowed:
            return Entry(code: "METHOD_NOT_ALLOWED", ru: "Этот способ подписания не разрешён для документа.", kk: "Бұл қол қою тәсіліне құжат үшін рұқсат жоқ.",
                         en: "This signing method is not allowed for the document.")
        case .signerIdentityMismatch(let expected, let found):
            return Entry(code: "SIGNER_MISMATCH", ru: "Подпись сделана ключом ИИН \(found ?? "—"), а подписант — ИИН \(expected).",
                         kk: "Қолтаңба ЖСН \(found ?? "—") кілтімен қойылған, ал қол қоюшы — ЖСН \(expected).",
                         en: "The signature is by IIN \(found ?? "—"); the named signer is IIN \(expected).")
        case .partnerBINMismatch(let expected, let found):
            return Entry(code: "PARTNER_BIN_MISMATCH", ru: "Ключ выдан организации БИН \(found ?? "—"), а партнёр — БИН \(expected).",
                         kk: "Кілт БСН \(found ?? "—") ұйымына берілген, ал серіктес — БСН \(expected).",
                         en: "The key belongs to BIN \(found ?? "—"); the partner is BIN \(expected).")
        case .roleCannotSignForPartner:
            return Entry(code: "ROLE_CANNOT_SIGN", ru: "Ключ не даёт права подписи за организацию (нужен первый руководитель или право подписи).",
                         kk: "Кілт ұйым атынан қол қою құқығын бермейді (бірінші басшы немесе қол қою құқығы қажет).",
                         en: "The key does not sign for the organisation (a first head or signing-right key is needed).")
        case .signatureNotValid(let indication, let sub):
            let verdict = indication.rawValue + (sub.map { "/\($0.rawValue)" } ?? "")
            return Entry(code: "SIGNATURE_NOT_VALID", ru: "Подпись не прошла проверку (\(verdict)).", kk: "Қолтаңба тексеруден өтпеді (\(verdict)).",
                         en: "The signature did not pass validation (\(verdict)).")
        case .documentDigestMismatch:
            return Entry(code: "DOCUMENT_CHANGED", ru: "Подтверждение относится к другой версии документа.", kk: "Растау құжаттың басқа нұсқасына қатысты.",
                         en: "The confirmation is for other document bytes.")
        case .deadlinePassed:
            return Entry(code: "DEADLINE_PASSED", ru: "Срок подписания истёк.", kk: "Қол қою мерзімі өтті.", en: "The signing deadline has passed.")
        case .noSigners:
            return Entry(code: "NO_SIGNERS", ru: "Добавьте хотя бы одного подписанта.", kk: "Кемінде бір қол қоюшы қосыңыз.", en: "Add at least one signer.")
        case .duplicateSigner(let iin):
            return Entry(code: "DUPLICATE_SIGNER", ru: "ИИН \(iin) уже среди подписантов.", kk: "ЖСН \(iin) қол қоюшылар арасында бар.",
                         en: "IIN \(iin) is already a signer.")
        case .noTariffUsesLeft:
            return Entry(code: "NO_TARIFF", ru: "Нет активного тарифного пакета с остатком.", kk: "Қалдығы бар белсенді тарифтік пакет жоқ.",
                         en: "No active tariff package with uses left.")
        case .idempotencyKeyReused:
            return Entry(code: "IDEMPOTENCY_KEY_REUSED", ru: "Ключ повтора использован для другого запроса.", kk: "Қайталау кілті басқа сұрауға қолданылған.",
                         en: "The idempotency key was used for another request.")
        case .rateLimited:
            return Entry(code: "RATE_LIMITED", ru: "Слишком много кодов. Повторите позже.", kk: "Кодтар тым көп. Кейінірек қайталаңыз.",
                         en: "Too many codes requested. Try again later.")
        case .codeNotAccepted:
            return Entry(code: "CODE_NOT_ACCEPTED", ru: "Код недействителен. Запросите новый код.", kk: "Код жарамсыз. Жаңа код сұраңыз.",
                         en: "The code is not valid. Request a new code.")
        case .agreementNotAccepted(let edition):
            return Entry(code: "AGREEMENT_REQUIRED", ru: "Примите пользовательское соглашение (редакция \(edition)).",
                         kk: "Пайдаланушы келісімін қабылдаңыз (\(edition) редакция).", en: "Accept the user agreement (edition \(edition)).")
        case .notAuthenticated, .permissionDenied, .invalidInput, .documentNotFound, .signerNotFound, .partnerNotFound:
            return entry(error == .notAuthenticated ? .notAuthenticated : .notFound)  // matched in entry(_:) before this
        }
    }
}
