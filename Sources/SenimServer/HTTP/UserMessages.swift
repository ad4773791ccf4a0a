import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The one sentence a user reads for each refusal, in Russian, Kazakh and English, and its stable code. Every
/// reason is a typed value (``Denial``, ``InputProblem``, ``RequestProblem``, ``SignatureProblem``, …), so no
/// sentence is ever assembled from another language's words. SMS-code failures all read the same (PSD2 RTS
/// Art. 4(3)(b): do not tell a guesser which part was wrong); the typed reason is in the audit log.
enum UserMessages {
    static func code(of reason: APIError.Reason) -> String { entry(reason).code }

    static func text(for reason: APIError.Reason, in language: Language) -> String { entry(reason).phrase[language] }

    /// One text in the three languages.
    struct Phrase: Sendable {
        let ru: String, kk: String, en: String

        subscript(language: Language) -> String {
            switch language {
            case .ru: return ru
            case .kk: return kk
            case .en: return en
            }
        }

        /// `self` with `detail` after a colon, in each language, as one sentence.
        func with(_ detail: Phrase) -> Phrase { Phrase(ru: "\(ru): \(detail.ru).", kk: "\(kk): \(detail.kk).", en: "\(en): \(detail.en).") }
    }

    private struct Entry {
        let code: String
        let phrase: Phrase
    }

    private static func entry(_ reason: APIError.Reason) -> Entry {
        switch reason {
        case .notAuthenticated, .workflow(.notAuthenticated):
            return Entry(
                code: "NOT_AUTHENTICATED",
                phrase: Phrase(
                    ru: "Войдите по номеру телефона и SMS-коду.", kk: "Телефон нөмірі мен SMS-кодпен кіріңіз.",
                    en: "Log in with your phone number and SMS code."))
        case .permissionDenied(let why), .workflow(.permissionDenied(let why)):
            return Entry(
                code: "FORBIDDEN",
                phrase: Phrase(ru: "Действие недоступно", kk: "Әрекет қолжетімсіз", en: "Not permitted").with(denial(why)))
        case .badRequest(let problem):
            return Entry(code: "INVALID_INPUT", phrase: invalid.with(request(problem)))
        case .workflow(.invalidInput(let problem)):
            return Entry(code: "INVALID_INPUT", phrase: invalid.with(input(problem)))
        case .notFound, .workflow(.documentNotFound), .workflow(.signerNotFound), .workflow(.partnerNotFound):
            return Entry(code: "NOT_FOUND", phrase: Phrase(ru: "Не найдено.", kk: "Табылмады.", en: "Not found."))
        case .methodNotAllowed:
            return Entry(
                code: "HTTP_METHOD_NOT_ALLOWED",
                phrase: Phrase(
                    ru: "Этот адрес не принимает такой запрос.", kk: "Бұл мекенжай мұндай сұрауды қабылдамайды.",
                    en: "This address does not take this kind of request."))
        case .payloadTooLarge(let limit):
            let megabytes = max(1, limit >> 20)
            return Entry(
                code: "TOO_LARGE",
                phrase: Phrase(
                    ru: "Размер больше допустимого (\(megabytes) МБ).", kk: "Өлшемі рұқсат етілгеннен үлкен (\(megabytes) МБ).",
                    en: "The size is larger than allowed (\(megabytes) MB)."))
        case .unreadableSignature(let problem):
            return Entry(
                code: "UNREADABLE_SIGNATURE",
                phrase: Phrase(ru: "Подпись не читается", kk: "Қолтаңба оқылмайды", en: "The signature cannot be read")
                    .with(signature(problem)))
        case .tooManyRequests(let seconds):
            return Entry(
                code: "RATE_LIMITED",
                phrase: Phrase(
                    ru: "Слишком много запросов. \(retry(seconds).ru)", kk: "Сұраулар тым көп. \(retry(seconds).kk)",
                    en: "Too many requests. \(retry(seconds).en)"))
        case .unavailable:
            return Entry(
                code: "UNAVAILABLE",
                phrase: Phrase(
                    ru: "Сервис временно недоступен. Повторите попытку.", kk: "Қызмет уақытша қолжетімсіз. Қайталап көріңіз.",
                    en: "The service is temporarily unavailable. Try again."))
        case .workflow(let error):
            return workflowEntry(error)
        }
    }

    private static let invalid = Phrase(ru: "Неверные данные", kk: "Деректер қате", en: "Invalid input")

    private static func workflowEntry(_ error: WorkflowError) -> Entry {
        switch error {
        case .partnerInactive:
            return Entry(
                code: "PARTNER_INACTIVE",
                phrase: Phrase(ru: "Партнёр деактивирован.", kk: "Серіктес белсенді емес.", en: "The partner is inactive."))
        case .userBlocked:
            return Entry(
                code: "USER_BLOCKED",
                phrase: Phrase(ru: "Учётная запись заблокирована.", kk: "Есептік жазба бұғатталған.", en: "The account is blocked."))
        case .illegalTransition(let command, let status):
            let action = commandName(command)
            let state = statusName(status)
            return Entry(
                code: "ILLEGAL_TRANSITION",
                phrase: Phrase(
                    ru: "Действие «\(action.ru)» невозможно для документа в статусе «\(state.ru)».",
                    kk: "«\(state.kk)» мәртебесіндегі құжат үшін «\(action.kk)» әрекеті мүмкін емес.",
                    en: "\(action.en.prefix(1).uppercased() + action.en.dropFirst()) is not possible "
                        + "for a document that is \(state.en.lowercased()).")
            )
        case .notSignersTurn:
            return Entry(
                code: "NOT_SIGNERS_TURN",
                phrase: Phrase(
                    ru: "Сейчас не ваша очередь подписывать.", kk: "Қазір қол қою кезегі сізде емес.",
                    en: "It is not your turn to sign."))
        case .signingMethodNotAllowed:
            return Entry(
                code: "METHOD_NOT_ALLOWED",
                phrase: Phrase(
                    ru: "Этот способ подписания не разрешён для документа.",
                    kk: "Бұл қол қою тәсіліне құжат үшін рұқсат жоқ.",
                    en: "This signing method is not allowed for the document."))
        case .signerIdentityMismatch(let expected, let found):
            return Entry(
                code: "SIGNER_MISMATCH",
                phrase: Phrase(
                    ru: "Подпись сделана ключом ИИН \(found ?? "—"), а подписант — ИИН \(expected).",
                    kk: "Қолтаңба ЖСН \(found ?? "—") кілтімен қойылған, ал қол қоюшы — ЖСН \(expected).",
                    en: "The signature is by IIN \(found ?? "—"); the named signer is IIN \(expected)."))
        case .partnerBINMismatch(let expected, let found):
            return Entry(
                code: "PARTNER_BIN_MISMATCH",
                phrase: Phrase(
                    ru: "Ключ выдан организации БИН \(found ?? "—"), а партнёр — БИН \(expected).",
                    kk: "Кілт БСН \(found ?? "—") ұйымына берілген, ал серіктес — БСН \(expected).",
                    en: "The key belongs to BIN \(found ?? "—"); the partner is BIN \(expected)."))
        case .roleCannotSignForPartner:
            return Entry(
                code: "ROLE_CANNOT_SIGN",
                phrase: Phrase(
                    ru: "Ключ не даёт права подписи за организацию (нужен первый руководитель или право подписи).",
                    kk: "Кілт ұйым атынан қол қою құқығын бермейді (бірінші басшы немесе қол қою құқығы қажет).",
                    en: "The key does not sign for the organisation (a first head or signing-right key is needed)."))
        case .signatureNotValid(let indication, let sub):
            let verdict = indication.rawValue + (sub.map { "/\($0.rawValue)" } ?? "")
            return Entry(
                code: "SIGNATURE_NOT_VALID",
                phrase: Phrase(
                    ru: "Подпись не прошла проверку (\(verdict)).", kk: "Қолтаңба тексеруден өтпеді (\(verdict)).",
                    en: "The signature did not pass validation (\(verdict))."))
        case .documentDigestMismatch:
            return Entry(
                code: "DOCUMENT_CHANGED",
                phrase: Phrase(
                    ru: "Подтверждение относится к другой версии документа.",
                    kk: "Растау құжаттың басқа нұсқасына қатысты.", en: "The confirmation is for other document bytes."))
        case .deadlinePassed:
            return Entry(
                code: "DEADLINE_PASSED",
                phrase: Phrase(ru: "Срок подписания истёк.", kk: "Қол қою мерзімі өтті.", en: "The signing deadline has passed."))
        case .noSigners:
            return Entry(
                code: "NO_SIGNERS",
                phrase: Phrase(
                    ru: "Добавьте хотя бы одного подписанта.", kk: "Кемінде бір қол қоюшы қосыңыз.",
                    en: "Add at least one signer."))
        case .duplicateSigner(let iin):
            return Entry(
                code: "DUPLICATE_SIGNER",
                phrase: Phrase(
                    ru: "ИИН \(iin) уже среди подписантов.", kk: "ЖСН \(iin) қол қоюшылар арасында бар.",
                    en: "IIN \(iin) is already a signer."))
        case .noTariffUsesLeft:
            return Entry(
                code: "NO_TARIFF",
                phrase: Phrase(
                    ru: "Нет активного тарифного пакета с остатком.", kk: "Қалдығы бар белсенді тарифтік пакет жоқ.",
                    en: "No active tariff package with uses left."))
        case .idempotencyKeyReused:
            return Entry(
                code: "IDEMPOTENCY_KEY_REUSED",
                phrase: Phrase(
                    ru: "Ключ повтора использован для другого запроса.",
                    kk: "Қайталау кілті басқа сұрауға қолданылған.",
                    en: "The idempotency key was used for another request."))
        case .rateLimited(let scope, let seconds):
            let what =
                scope == .failedAttempts
                ? Phrase(ru: "Слишком много неверных кодов.", kk: "Қате кодтар тым көп.", en: "Too many wrong codes.")
                : Phrase(ru: "Слишком много кодов.", kk: "Кодтар тым көп.", en: "Too many codes requested.")
            return Entry(
                code: "RATE_LIMITED",
                phrase: Phrase(
                    ru: "\(what.ru) \(retry(seconds).ru)", kk: "\(what.kk) \(retry(seconds).kk)",
                    en: "\(what.en) \(retry(seconds).en)"))
        case .codeNotAccepted:
            return Entry(
                code: "CODE_NOT_ACCEPTED",
                phrase: Phrase(
                    ru: "Код недействителен. Запросите новый код.", kk: "Код жарамсыз. Жаңа код сұраңыз.",
                    en: "The code is not valid. Request a new code."))
        case .agreementNotAccepted(let edition):
            return Entry(
                code: "AGREEMENT_REQUIRED",
                phrase: Phrase(
                    ru: "Примите пользовательское соглашение (редакция \(edition)).",
                    kk: "Пайдаланушы келісімін қабылдаңыз (\(edition) редакция).",
                    en: "Accept the user agreement (edition \(edition))."))
        case .partnerSignatureNeedsEDS:
            return Entry(
                code: "PARTNER_NEEDS_EDS",
                phrase: Phrase(
                    ru: "Подпись за организацию принимается только ЭЦП с её БИН.",
                    kk: "Ұйым атынан қолтаңба тек оның БСН-і бар ЭЦҚ-мен қабылданады.",
                    en: "The organisation's signature must be an EDS with its BIN."))
        case .signatureAlreadyUsed:
            return Entry(
                code: "SIGNATURE_REUSED",
                phrase: Phrase(
                    ru: "Эта подпись уже получена для другого документа.",
                    kk: "Бұл қолтаңба басқа құжат үшін алынған.",
                    en: "This signature was already received for another document."))
        case .linkExpired:
            return Entry(
                code: "LINK_EXPIRED",
                phrase: Phrase(
                    ru: "Срок действия ссылки истёк или документ уже завершён. Войдите по номеру телефона.",
                    kk: "Сілтеменің мерзімі өтті немесе құжат аяқталған. Телефон нөмірімен кіріңіз.",
                    en: "The link has expired or the document is complete. Log in with your phone number."))
        case .notAuthenticated, .permissionDenied, .invalidInput, .documentNotFound, .signerNotFound, .partnerNotFound:
            return entry(error == .notAuthenticated ? .notAuthenticated : .notFound) // matched in entry(_:) before this
        }
    }

    // MARK: The typed reasons

    static func denial(_ denial: Denial) -> Phrase {
        switch denial {
        case .accountBlocked:
            return Phrase(ru: "учётная запись заблокирована", kk: "есептік жазба бұғатталған", en: "the account is blocked")
        case .administratorsOnly:
            return Phrase(
                ru: "это может только администратор платформы", kk: "мұны тек платформа әкімшісі жасай алады",
                en: "only a platform administrator may do this")
        case .notPartnerEmployee:
            return Phrase(
                ru: "вы не сотрудник этого партнёра", kk: "сіз бұл серіктестің қызметкері емессіз",
                en: "you are not an employee of this partner")
        case .partnerInactive: return Phrase(ru: "партнёр деактивирован", kk: "серіктес белсенді емес", en: "the partner is inactive")
        case .uploadRightNotGranted:
            return Phrase(
                ru: "партнёр не дал вам права загружать документы", kk: "серіктес сізге құжаттарды жүктеу құқығын бермеген",
                en: "the partner did not grant you the right to upload documents")
        case .sendRightNotGranted:
            return Phrase(
                ru: "партнёр не дал вам права отправлять документы", kk: "серіктес сізге құжаттарды жіберу құқығын бермеген",
                en: "the partner did not grant you the right to send documents")
        case .signForPartnerRightNotGranted:
            return Phrase(
                ru: "партнёр не дал вам права подписывать от его имени", kk: "серіктес сізге оның атынан қол қою құқығын бермеген",
                en: "the partner did not grant you the right to sign on its behalf")
        case .manageEmployeesRightNotGranted:
            return Phrase(
                ru: "партнёр не дал вам права управлять сотрудниками", kk: "серіктес сізге қызметкерлерді басқару құқығын бермеген",
                en: "the partner did not grant you the right to manage employees")
        case .noSuchDocument: return Phrase(ru: "документ не найден", kk: "құжат табылмады", en: "there is no such document")
        case .uploadedByAnotherEmployee:
            return Phrase(
                ru: "документ загрузил другой сотрудник", kk: "құжатты басқа қызметкер жүктеген",
                en: "another employee uploaded the document")
        case .notSentToYouYet:
            return Phrase(
                ru: "документ ещё не отправлен вам", kk: "құжат сізге әлі жіберілмеген", en: "the document has not been sent to you yet")
        case .notYourTurn:
            return Phrase(
                ru: "сейчас не ваша очередь подписывать", kk: "қазір қол қою кезегі сізде емес", en: "it is not your turn to sign")
        case .signerMayOnlyViewSignOrReject:
            return Phrase(
                ru: "подписант может только просмотреть, подписать или отклонить документ",
                kk: "қол қоюшы құжатты тек қарай, қол қоя немесе қабылдамай алады",
                en: "a signer may only view, sign or reject the document")
        case .employeeIsNotThisSigner:
            return Phrase(
                ru: "подписать или отклонить может только сам названный подписант",
                kk: "қол қоюды немесе бас тартуды тек аталған қол қоюшының өзі жасай алады", en: "only the named signer may sign or reject")
        case .administratorsDoNotReadDocuments:
            return Phrase(
                ru: "администраторы не читают документы", kk: "әкімшілер құжаттарды оқымайды", en: "administrators do not read documents")
        case .linkSessionCoversOneDocument:
            return Phrase(
                ru: "ссылка из SMS открывает только свой документ; для остального войдите по номеру телефона",
                kk: "SMS-тегі сілтеме тек өз құжатын ашады; басқасы үшін телефон нөмірімен кіріңіз",
                en: "the SMS link opens only its own document; log in with your phone number for anything else")
        case .linkSessionCoversOneSigner:
            return Phrase(
                ru: "ссылка из SMS действует только для своего подписанта", kk: "SMS-тегі сілтеме тек өз қол қоюшысы үшін жарамды",
                en: "the SMS link acts only for its own signer")
        case .platformOnly:
            return Phrase(
                ru: "это действие выполняет только сама платформа", kk: "бұл әрекетті тек платформаның өзі орындайды",
                en: "only the platform itself does this")
        case .partnerCancelsInsteadOfRejecting:
            return Phrase(
                ru: "партнёр не отклоняет свой документ, а отменяет его", kk: "серіктес өз құжатынан бас тартпайды, оның күшін жояды",
                en: "a partner cancels its document instead of rejecting it")
        case .administratorCannotBeEmployee:
            return Phrase(
                ru: "администратор платформы не может быть сотрудником партнёра",
                kk: "платформа әкімшісі серіктестің қызметкері бола алмайды",
                en: "a platform administrator cannot be a partner's employee")
        case .onlyTheSignerMarksViewed:
            return Phrase(
                ru: "отметку о просмотре ставит только сам подписант", kk: "қаралғаны туралы белгіні тек қол қоюшының өзі қояды",
                en: "only the signer marks the document as viewed")
        case .formExpired:
            return Phrase(
                ru: "форма устарела; обновите страницу", kk: "форманың мерзімі өтті; бетті жаңартыңыз",
                en: "the form has expired; reload the page")
        case .foreignOrigin:
            return Phrase(ru: "запрос пришёл с другого сайта", kk: "сұрау басқа сайттан келді", en: "the request came from another site")
        case .monitoringAddressesOnly:
            return Phrase(
                ru: "метрики доступны только адресам мониторинга", kk: "метрикалар тек мониторинг мекенжайларына қолжетімді",
                en: "metrics are served to monitoring addresses only")
        case .apiKeysDoNotSign:
            return Phrase(
                ru: "ключ API не подписывает и не отклоняет: подпись ставит человек",
                kk: "API кілті қол қоймайды және бас тартпайды: қолды адам қояды",
                en: "an API key neither signs nor rejects: a person signs")
        case .apiKeysDoNotManageAccess:
            return Phrase(
                ru: "ключ API не управляет сотрудниками и ключами", kk: "API кілті қызметкерлер мен кілттерді басқармайды",
                en: "an API key does not manage employees or keys")
        case .apiKeyNotAcceptedHere:
            return Phrase(
                ru: "здесь ключ API не принимается: войдите по номеру телефона",
                kk: "мұнда API кілті қабылданбайды: телефон нөмірімен кіріңіз",
                en: "an API key is not accepted here: log in with your phone number")
        case .apiKeyRevoked:
            return Phrase(ru: "ключ API отозван", kk: "API кілті кері қайтарылды", en: "the API key was revoked")
        }
    }

    /// An administrative event in words ("назначил права сотрудника: все").
    static func administrative(_ action: AdministrativeAction) -> Phrase {
        switch action {
        case .userStatus(.active):
            return Phrase(ru: "восстановил пользователя", kk: "пайдаланушыны қалпына келтірді", en: "restored the user")
        case .userStatus(.blocked): return Phrase(ru: "заблокировал пользователя", kk: "пайдаланушыны бұғаттады", en: "blocked the user")
        case .partnerStatus(.active): return Phrase(ru: "активировал партнёра", kk: "серіктесті белсендірді", en: "activated the partner")
        case .partnerStatus(.inactive): return Phrase(ru: "деактивировал партнёра", kk: "серіктесті өшірді", en: "deactivated the partner")
        case .employeeRights(let rights) where rights == .all:
            return Phrase(ru: "дал все права сотрудника", kk: "қызметкердің барлық құқығын берді", en: "granted every employee right")
        case .employeeRights(let rights) where rights.isEmpty:
            return Phrase(ru: "отозвал права сотрудника", kk: "қызметкердің құқықтарын қайтарып алды", en: "revoked the employee's rights")
        case .employeeRights:
            return Phrase(ru: "изменил права сотрудника", kk: "қызметкердің құқықтарын өзгертті", en: "changed the employee's rights")
        case .tariff(true, let uses):
            return Phrase(
                ru: "выдал пакет на \(uses) подписаний", kk: "\(uses) қол қоюға пакет берді", en: "issued a package of \(uses) uses")
        case .tariff(false, let uses):
            return Phrase(
                ru: "деактивировал пакет на \(uses) подписаний", kk: "\(uses) қол қоюға арналған пакетті өшірді",
                en: "deactivated a package of \(uses) uses")
        case .apiKeyCreated:
            return Phrase(ru: "создал ключ API", kk: "API кілтін жасады", en: "created an API key")
        case .apiKeyRevoked:
            return Phrase(ru: "отозвал ключ API", kk: "API кілтін кері қайтарды", en: "revoked an API key")
        case .webhookRegistered:
            return Phrase(ru: "зарегистрировал вебхук", kk: "вебхукті тіркеді", en: "registered a webhook")
        case .webhookDisabled:
            return Phrase(ru: "отключил вебхук", kk: "вебхукті өшірді", en: "disabled a webhook")
        }
    }

    /// Who acted, when the event names no person.
    static func role(_ role: AuditActor.Role) -> Phrase {
        switch role {
        case .client: return Phrase(ru: "пользователь", kk: "пайдаланушы", en: "a user")
        case .partner, .partnerEmployee: return Phrase(ru: "сотрудник партнёра", kk: "серіктес қызметкері", en: "a partner's employee")
        case .administrator: return Phrase(ru: "администратор", kk: "әкімші", en: "an administrator")
        case .platform: return Phrase(ru: "платформа", kk: "платформа", en: "the platform")
        }
    }

    /// What is wrong with a typed phone number, said so the person can correct it.
    static func phone(_ problem: PhoneNumberProblem) -> Phrase {
        switch problem {
        case .unexpectedCharacter(let character):
            return Phrase(
                ru: "символ «\(character)» недопустим, пишите цифры, пробелы, скобки и дефисы",
                kk: "«\(character)» таңбасына жол берілмейді, цифрларды, бос орындарды, жақшаларды және сызықшаларды жазыңыз",
                en: "the character “\(character)” is not allowed; use digits, spaces, brackets and dashes")
        case .noCountryPrefix:
            return Phrase(
                ru: "номер начинается с +7 или 8", kk: "нөмір +7 немесе 8 санынан басталады", en: "the number starts with +7 or 8")
        case .digitCount(let count):
            return Phrase(
                ru: "после +7 нужно ровно 10 цифр, а введено \(count)", kk: "+7 кейін дәл 10 цифр керек, ал енгізілгені \(count)",
                en: "exactly 10 digits must follow +7, and \(count) were typed")
        case .notMobile(let code, let kind):
            switch kind {
            case .landline:
                return Phrase(
                    ru: "код \(code) — городской, на него не приходят SMS", kk: "\(code) коды — қалалық, оған SMS келмейді",
                    en: "\(code) is a landline code, which cannot receive SMS")
            case .foreign:
                return Phrase(ru: "код \(code) не казахстанский", kk: "\(code) коды Қазақстандікі емес", en: "\(code) is not a Kazakh code")
            case .service, .unassignedMobile, .unknown:
                return Phrase(
                    ru: "код \(code) не принадлежит мобильному оператору Казахстана",
                    kk: "\(code) коды Қазақстанның ұялы байланыс операторына тиесілі емес",
                    en: "\(code) belongs to no Kazakh mobile operator")
            }
        }
    }

    static func input(_ problem: InputProblem) -> Phrase {
        switch problem {
        case .invalidBIN(let value):
            return Phrase(
                ru: "«\(value)» — неверный БИН (12 цифр с контрольной цифрой)", kk: "«\(value)» — қате БСН (бақылау цифры бар 12 цифр)",
                en: "“\(value)” is not a valid BIN (12 digits with a check digit)")
        case .partnerAlreadyRegistered(let bin):
            return Phrase(
                ru: "партнёр с БИН \(bin) уже зарегистрирован", kk: "БСН \(bin) серіктесі тіркелген",
                en: "a partner with BIN \(bin) is registered already")
        case .organisationNameMissing:
            return Phrase(ru: "укажите название организации", kk: "ұйымның атауын көрсетіңіз", en: "give the organisation's name")
        case .tariffNeedsUsesAndPeriod:
            return Phrase(
                ru: "у пакета должны быть подписания и срок действия", kk: "пакетте қол қою саны мен қолданылу мерзімі болуы керек",
                en: "a package needs uses and a validity period")
        case .fewerUsesThanUsedOrReserved:
            return Phrase(
                ru: "подписаний меньше, чем уже израсходовано или зарезервировано", kk: "қол қою саны жұмсалғаннан немесе брондалғаннан аз",
                en: "fewer uses than already used or reserved")
        case .rejectionNeedsReason:
            return Phrase(ru: "укажите причину отказа", kk: "бас тарту себебін көрсетіңіз", en: "give a reason for the rejection")
        case .uploadIncomplete:
            return Phrase(
                ru: "у загрузки нет имени файла, размера или хешей", kk: "жүктеуде файл атауы, өлшемі немесе хэштері жоқ",
                en: "the upload lacks its file name, size or digests")
        case .deadlineInPast:
            return Phrase(ru: "срок подписания уже прошёл", kk: "қол қою мерзімі өтіп кеткен", en: "the deadline is in the past")
        case .signerNameMissing:
            return Phrase(
                ru: "укажите фамилию и имя подписанта", kk: "қол қоюшының тегі мен атын көрсетіңіз",
                en: "give the signer's surname and name")
        case .invalidIIN(let value):
            return Phrase(
                ru: "«\(value)» — неверный ИИН (12 цифр с контрольной цифрой)", kk: "«\(value)» — қате ЖСН (бақылау цифры бар 12 цифр)",
                en: "“\(value)” is not a valid IIN (12 digits with a check digit)")
        case .invalidPhone(let value, let why):
            let reason = phone(why)
            return Phrase(
                ru: "«\(value)» — не казахстанский мобильный номер: \(reason.ru)",
                kk: "«\(value)» — Қазақстанның ұялы нөмірі емес: \(reason.kk)",
                en: "“\(value)” is not a Kazakh mobile number: \(reason.en)")
        case .signerOrderStartsAtOne:
            return Phrase(
                ru: "порядок подписантов начинается с 1", kk: "қол қоюшылардың реті 1-ден басталады", en: "signer order starts at 1")
        case .documentBytesMissing:
            return Phrase(ru: "нет содержимого документа", kk: "құжаттың мазмұны жоқ", en: "the document's bytes are missing")
        case .documentCodeSignsOrRejects:
            return Phrase(
                ru: "код для документа только подписывает или отклоняет", kk: "құжат коды тек қол қояды немесе бас тартады",
                en: "a document code signs or rejects")
        case .apiKeyNameMissing:
            return Phrase(
                ru: "укажите название ключа (до 100 символов)", kk: "кілттің атауын көрсетіңіз (100 таңбаға дейін)",
                en: "give the key a name (up to 100 characters)")
        case .apiKeyRightsNotGrantable:
            return Phrase(
                ru: "ключу API можно дать только права загружать, отправлять и видеть все документы партнёра",
                kk: "API кілтіне тек жүктеу, жіберу және серіктестің барлық құжаттарын көру құқықтарын беруге болады",
                en: "an API key may only upload, send and see all of the partner's documents")
        case .webhookURLNotAllowed:
            return Phrase(
                ru: "адрес вебхука должен быть HTTPS-адресом в интернете, не внутренним",
                kk: "вебхук мекенжайы ішкі емес, интернеттегі HTTPS мекенжайы болуы керек",
                en: "a webhook address must be a public HTTPS address, not an internal one")
        case .webhookNeedsEvents:
            return Phrase(
                ru: "выберите хотя бы одно событие для вебхука", kk: "вебхук үшін кемінде бір оқиғаны таңдаңыз",
                en: "choose at least one event for the webhook")
        case .webhookEndpointDisabled:
            return Phrase(
                ru: "адрес вебхука отключён: зарегистрируйте его заново", kk: "вебхук мекенжайы өшірілген: оны қайта тіркеңіз",
                en: "the webhook address is disabled: register it again")
        }
    }

    static func request(_ problem: RequestProblem) -> Phrase {
        switch problem {
        case .missingPathParameter(let name):
            return Phrase(
                ru: "в адресе нет параметра «\(name)»", kk: "мекенжайда «\(name)» параметрі жоқ",
                en: "the address lacks the “\(name)” parameter")
        case .fileNameInvalid:
            return Phrase(
                ru: "укажите имя файла без пути, не длиннее 255 символов", kk: "файл атауын жолсыз, 255 таңбадан аспайтындай көрсетіңіз",
                en: "give a file name without a path, at most 255 characters")
        case .unknownValue(let field, let value, let allowed):
            let list = allowed.map { "«\($0)»" }.joined(separator: ", ")
            return Phrase(
                ru: "поле «\(field)»: значение «\(value)» недопустимо, допустимы \(list)",
                kk: "«\(field)» өрісі: «\(value)» мәні жарамсыз, рұқсат етілгендері \(list)",
                en: "field “\(field)”: “\(value)” is not allowed, use one of \(list)")
        case .notISO8601(let field):
            return Phrase(
                ru: "поле «\(field)»: нужно время ISO 8601, например «2026-12-31T18:00:00Z»",
                kk: "«\(field)» өрісі: ISO 8601 уақыты қажет, мысалы «2026-12-31T18:00:00Z»",
                en: "field “\(field)”: an ISO 8601 time is needed, such as “2026-12-31T18:00:00Z”")
        case .bodyNotJSON: return Phrase(ru: "тело запроса — не JSON", kk: "сұраудың денесі JSON емес", en: "the request body is not JSON")
        case .missingField(let field):
            return Phrase(
                ru: "в теле запроса нет поля «\(field)»", kk: "сұрау денесінде «\(field)» өрісі жоқ",
                en: "the request body lacks the field “\(field)”")
        case .wrongFieldType(let field):
            return Phrase(
                ru: "поле «\(field)» неверного типа", kk: "«\(field)» өрісінің түрі қате", en: "the field “\(field)” has the wrong type")
        case .formUnreadable:
            return Phrase(ru: "форму не удалось прочитать", kk: "форманы оқу мүмкін болмады", en: "the form could not be read")
        case .fileMissing: return Phrase(ru: "выберите файл документа", kk: "құжат файлын таңдаңыз", en: "choose the document's file")
        case .eGovOneDocumentExpected(let method):
            return Phrase(
                ru: "ожидался один документ, подписанный способом «\(method)»", kk: "«\(method)» тәсілімен қол қойылған бір құжат күтілді",
                en: "one document signed by “\(method)” was expected")
        case .notBase64(let field):
            return Phrase(
                ru: "поле «\(field)» не в кодировке Base64", kk: "«\(field)» өрісі Base64 кодталмаған",
                en: "the field “\(field)” is not Base64")
        case .tariffFormIncomplete:
            return Phrase(
                ru: "у пакета должны быть партнёр, число подписаний и срок действия",
                kk: "пакетте серіктес, қол қою саны және қолданылу мерзімі болуы керек",
                en: "a package needs a partner, uses and a validity period")
        case .boundaryTooLong:
            return Phrase(
                ru: "граница составной формы длиннее 70 символов", kk: "құрама форманың шекарасы 70 таңбадан ұзын",
                en: "the form's multipart boundary is longer than 70 characters")
        case .cookieRequestNotJSON:
            return Phrase(
                ru: "запрос из браузера должен отправлять JSON", kk: "браузерден келген сұрау JSON жіберуі керек",
                en: "a request from a browser must send JSON")
        }
    }

    static func signature(_ problem: SignatureProblem) -> Phrase {
        switch problem {
        case .notCMS: return Phrase(ru: "это не подпись CMS", kk: "бұл CMS қолтаңбасы емес", en: "it is not a CMS signature")
        case .notBase64: return Phrase(ru: "CMS не в кодировке Base64", kk: "CMS Base64 кодталмаған", en: "the CMS is not Base64")
        case .signerCount(let count):
            return Phrase(
                ru: "ожидалась одна подпись, в CMS их \(count)", kk: "бір қолтаңба күтілді, CMS ішінде \(count)",
                en: "one signer was expected, the CMS has \(count)")
        case .xmlSignatureCount(let count):
            return Phrase(
                ru: "ожидалась одна XML-подпись, найдено \(count)", kk: "бір XML қолтаңбасы күтілді, \(count) табылды",
                en: "one XML signature was expected, \(count) were found")
        }
    }

    /// "Try again in …" with the wait in seconds, minutes or hours.
    static func retry(_ seconds: Int) -> Phrase {
        if seconds < 120 {
            return Phrase(
                ru: "Повторите через \(seconds) с.", kk: "\(seconds) секундтан кейін қайталаңыз.", en: "Try again in \(seconds) s.")
        }
        if seconds < 7200 {
            let minutes = (seconds + 59) / 60
            return Phrase(
                ru: "Повторите через \(minutes) мин.", kk: "\(minutes) минуттан кейін қайталаңыз.", en: "Try again in \(minutes) min.")
        }
        let hours = (seconds + 3599) / 3600
        return Phrase(ru: "Повторите через \(hours) ч.", kk: "\(hours) сағаттан кейін қайталаңыз.", en: "Try again in \(hours) h.")
    }

    static func statusName(_ status: Document.Status) -> Phrase {
        Phrase(
            ru: PageStrings.table(.ru)[status], kk: PageStrings.table(.kk)[status], en: PageStrings.table(.en)[status])
    }

    static func commandName(_ command: CommandKind) -> Phrase {
        switch command {
        case .upload: return Phrase(ru: "загрузка", kk: "жүктеу", en: "upload")
        case .create: return Phrase(ru: "создание", kk: "құру", en: "creation")
        case .addSigner: return Phrase(ru: "добавление подписанта", kk: "қол қоюшыны қосу", en: "adding a signer")
        case .send: return Phrase(ru: "отправка", kk: "жіберу", en: "sending")
        case .view: return Phrase(ru: "просмотр", kk: "қарау", en: "viewing")
        case .sign: return Phrase(ru: "подписание", kk: "қол қою", en: "signing")
        case .reject: return Phrase(ru: "отказ", kk: "бас тарту", en: "rejection")
        case .cancel: return Phrase(ru: "отмена", kk: "күшін жою", en: "cancelling")
        case .expire: return Phrase(ru: "истечение срока", kk: "мерзімнің өтуі", en: "expiry")
        }
    }
}
