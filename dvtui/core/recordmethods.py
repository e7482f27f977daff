"""The methods of the record classes, generated from ``dvtui/core/records.py`` by
``make records`` (:mod:`dvtui.core.recordclass`): do not edit. A test fails when it
is not what ``make records`` would write now."""

# mypy: ignore-errors
# fmt: off
from reprlib import recursive_repr


def make_core_changes_Change(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, field, old, new):
        values = self.__dict__
        values['field'] = field
        values['old'] = old
        values['new'] = new
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(field={self.field!r}, old={self.old!r}, new={self.new!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.field,self.old,self.new,) == (other.field,other.old,other.new,)
        return NotImplemented
    def __hash__(self):
        return hash((self.field,self.old,self.new,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('field','old','new',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('field','old','new',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_facts_PeriodSummary(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, period, total, on_time, late, missing, overdue, returned, approved, missing_units):
        values = self.__dict__
        values['period'] = period
        values['total'] = total
        values['on_time'] = on_time
        values['late'] = late
        values['missing'] = missing
        values['overdue'] = overdue
        values['returned'] = returned
        values['approved'] = approved
        values['missing_units'] = missing_units
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(period={self.period!r}, total={self.total!r}, on_time={self.on_time!r}, late={self.late!r}, missing={self.missing!r}, overdue={self.overdue!r}, returned={self.returned!r}, approved={self.approved!r}, missing_units={self.missing_units!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.period,self.total,self.on_time,self.late,self.missing,self.overdue,self.returned,self.approved,self.missing_units,) == (other.period,other.total,other.on_time,other.late,other.missing,other.overdue,other.returned,other.approved,other.missing_units,)
        return NotImplemented
    def __hash__(self):
        return hash((self.period,self.total,self.on_time,self.late,self.missing,self.overdue,self.returned,self.approved,self.missing_units,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('period','total','on_time','late','missing','overdue','returned','approved','missing_units',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('period','total','on_time','late','missing','overdue','returned','approved','missing_units',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_facts_TargetProgress(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, key, achieved, total, target_percent):
        values = self.__dict__
        values['key'] = key
        values['achieved'] = achieved
        values['total'] = total
        values['target_percent'] = target_percent
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(key={self.key!r}, achieved={self.achieved!r}, total={self.total!r}, target_percent={self.target_percent!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.key,self.achieved,self.total,self.target_percent,) == (other.key,other.achieved,other.total,other.target_percent,)
        return NotImplemented
    def __hash__(self):
        return hash((self.key,self.achieved,self.total,self.target_percent,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('key','achieved','total','target_percent',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('key','achieved','total','target_percent',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_limits_Exceeded(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, code, args):
        values = self.__dict__
        values['code'] = code
        values['args'] = args
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(code={self.code!r}, args={self.args!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.code,self.args,) == (other.code,other.args,)
        return NotImplemented
    def __hash__(self):
        return hash((self.code,self.args,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('code','args',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('code','args',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Record(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, id):
        values = self.__dict__
        values['id'] = id
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,) == (other.id,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Attachment(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, name, sha256, size, added_on, added_by):
        values = self.__dict__
        values['name'] = name
        values['sha256'] = sha256
        values['size'] = size
        values['added_on'] = added_on
        values['added_by'] = added_by
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(name={self.name!r}, sha256={self.sha256!r}, size={self.size!r}, added_on={self.added_on!r}, added_by={self.added_by!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.name,self.sha256,self.size,self.added_on,self.added_by,) == (other.name,other.sha256,other.size,other.added_on,other.added_by,)
        return NotImplemented
    def __hash__(self):
        return hash((self.name,self.sha256,self.size,self.added_on,self.added_by,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('name','sha256','size','added_on','added_by',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('name','sha256','size','added_on','added_by',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_LegalBasis(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, kind, number, issued_on=defaults['issued_on'], issuer, title=defaults['title']):
        values = self.__dict__
        values['kind'] = kind
        values['number'] = number
        values['issued_on'] = issued_on
        values['issuer'] = issuer
        values['title'] = title
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(kind={self.kind!r}, number={self.number!r}, issued_on={self.issued_on!r}, issuer={self.issuer!r}, title={self.title!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.kind,self.number,self.issued_on,self.issuer,self.title,) == (other.kind,other.number,other.issued_on,other.issuer,other.title,)
        return NotImplemented
    def __hash__(self):
        return hash((self.kind,self.number,self.issued_on,self.issuer,self.title,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('kind','number','issued_on','issuer','title',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('kind','number','issued_on','issuer','title',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Signature(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, authority, title, signer):
        values = self.__dict__
        values['authority'] = authority
        values['title'] = title
        values['signer'] = signer
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(authority={self.authority!r}, title={self.title!r}, signer={self.signer!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.authority,self.title,self.signer,) == (other.authority,other.title,other.signer,)
        return NotImplemented
    def __hash__(self):
        return hash((self.authority,self.title,self.signer,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('authority','title','signer',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('authority','title','signer',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Targets(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, coordination_regulation_percent=defaults['coordination_regulation_percent'], models_per_unit=defaults['models_per_unit'], exemplary_persons_per_unit=defaults['exemplary_persons_per_unit']):
        values = self.__dict__
        values['coordination_regulation_percent'] = coordination_regulation_percent
        values['models_per_unit'] = models_per_unit
        values['exemplary_persons_per_unit'] = exemplary_persons_per_unit
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(coordination_regulation_percent={self.coordination_regulation_percent!r}, models_per_unit={self.models_per_unit!r}, exemplary_persons_per_unit={self.exemplary_persons_per_unit!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.coordination_regulation_percent,self.models_per_unit,self.exemplary_persons_per_unit,) == (other.coordination_regulation_percent,other.models_per_unit,other.exemplary_persons_per_unit,)
        return NotImplemented
    def __hash__(self):
        return hash((self.coordination_regulation_percent,self.models_per_unit,self.exemplary_persons_per_unit,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('coordination_regulation_percent','models_per_unit','exemplary_persons_per_unit',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('coordination_regulation_percent','models_per_unit','exemplary_persons_per_unit',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Plan(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_purposes = factories['purposes']
    factory_recipients = factories['recipients']
    factory_report_to = factories['report_to']
    factory_targets = factories['targets']
    factory_legal_bases = factories['legal_bases']
    factory_attachments = factories['attachments']
    def __init__(self, *, id, year, title, issuer, place, symbol, number=defaults['number'], issued_day=defaults['issued_day'], issued_month=defaults['issued_month'], issued_year, preamble=defaults['preamble'], purposes=HAS_FACTORY, reporting=defaults['reporting'], follow_up=defaults['follow_up'], closing=defaults['closing'], recipients=HAS_FACTORY, report_to=HAS_FACTORY, targets=HAS_FACTORY, signature=defaults['signature'], legal_bases=HAS_FACTORY, attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['year'] = year
        values['title'] = title
        values['issuer'] = issuer
        values['place'] = place
        values['symbol'] = symbol
        values['number'] = number
        values['issued_day'] = issued_day
        values['issued_month'] = issued_month
        values['issued_year'] = issued_year
        values['preamble'] = preamble
        values['purposes'] = factory_purposes() if purposes is HAS_FACTORY else purposes
        values['reporting'] = reporting
        values['follow_up'] = follow_up
        values['closing'] = closing
        values['recipients'] = factory_recipients() if recipients is HAS_FACTORY else recipients
        values['report_to'] = factory_report_to() if report_to is HAS_FACTORY else report_to
        values['targets'] = factory_targets() if targets is HAS_FACTORY else targets
        values['signature'] = signature
        values['legal_bases'] = factory_legal_bases() if legal_bases is HAS_FACTORY else legal_bases
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, year={self.year!r}, title={self.title!r}, issuer={self.issuer!r}, place={self.place!r}, symbol={self.symbol!r}, number={self.number!r}, issued_day={self.issued_day!r}, issued_month={self.issued_month!r}, issued_year={self.issued_year!r}, preamble={self.preamble!r}, purposes={self.purposes!r}, reporting={self.reporting!r}, follow_up={self.follow_up!r}, closing={self.closing!r}, recipients={self.recipients!r}, report_to={self.report_to!r}, targets={self.targets!r}, signature={self.signature!r}, legal_bases={self.legal_bases!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.year,self.title,self.issuer,self.place,self.symbol,self.number,self.issued_day,self.issued_month,self.issued_year,self.preamble,self.purposes,self.reporting,self.follow_up,self.closing,self.recipients,self.report_to,self.targets,self.signature,self.legal_bases,self.attachments,) == (other.id,other.year,other.title,other.issuer,other.place,other.symbol,other.number,other.issued_day,other.issued_month,other.issued_year,other.preamble,other.purposes,other.reporting,other.follow_up,other.closing,other.recipients,other.report_to,other.targets,other.signature,other.legal_bases,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.year,self.title,self.issuer,self.place,self.symbol,self.number,self.issued_day,self.issued_month,self.issued_year,self.preamble,self.purposes,self.reporting,self.follow_up,self.closing,self.recipients,self.report_to,self.targets,self.signature,self.legal_bases,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','year','title','issuer','place','symbol','number','issued_day','issued_month','issued_year','preamble','purposes','reporting','follow_up','closing','recipients','report_to','targets','signature','legal_bases','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','year','title','issuer','place','symbol','number','issued_day','issued_month','issued_year','preamble','purposes','reporting','follow_up','closing','recipients','report_to','targets','signature','legal_bases','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Contact(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, person=defaults['person'], phone=defaults['phone'], email=defaults['email']):
        values = self.__dict__
        values['person'] = person
        values['phone'] = phone
        values['email'] = email
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(person={self.person!r}, phone={self.phone!r}, email={self.email!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.person,self.phone,self.email,) == (other.person,other.phone,other.email,)
        return NotImplemented
    def __hash__(self):
        return hash((self.person,self.phone,self.email,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('person','phone','email',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('person','phone','email',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Regulation(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, document_number=defaults['document_number'], signed_on=defaults['signed_on']):
        values = self.__dict__
        values['document_number'] = document_number
        values['signed_on'] = signed_on
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(document_number={self.document_number!r}, signed_on={self.signed_on!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.document_number,self.signed_on,) == (other.document_number,other.signed_on,)
        return NotImplemented
    def __hash__(self):
        return hash((self.document_number,self.signed_on,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('document_number','signed_on',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('document_number','signed_on',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Unit(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_attachments = factories['attachments']
    def __init__(self, *, id, name, kind, gso_code=defaults['gso_code'], contact=defaults['contact'], coordination_regulation=defaults['coordination_regulation'], retired_on=defaults['retired_on'], attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['name'] = name
        values['kind'] = kind
        values['gso_code'] = gso_code
        values['contact'] = contact
        values['coordination_regulation'] = coordination_regulation
        values['retired_on'] = retired_on
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, name={self.name!r}, kind={self.kind!r}, gso_code={self.gso_code!r}, contact={self.contact!r}, coordination_regulation={self.coordination_regulation!r}, retired_on={self.retired_on!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.name,self.kind,self.gso_code,self.contact,self.coordination_regulation,self.retired_on,self.attachments,) == (other.id,other.name,other.kind,other.gso_code,other.contact,other.coordination_regulation,other.retired_on,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.name,self.kind,self.gso_code,self.contact,self.coordination_regulation,self.retired_on,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','name','kind','gso_code','contact','coordination_regulation','retired_on','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','name','kind','gso_code','contact','coordination_regulation','retired_on','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Note(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, on, author, text):
        values = self.__dict__
        values['on'] = on
        values['author'] = author
        values['text'] = text
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(on={self.on!r}, author={self.author!r}, text={self.text!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.on,self.author,self.text,) == (other.on,other.author,other.text,)
        return NotImplemented
    def __hash__(self):
        return hash((self.on,self.author,self.text,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('on','author','text',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('on','author','text',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Task(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_assigned_units = factories['assigned_units']
    factory_notes = factories['notes']
    factory_attachments = factories['attachments']
    def __init__(self, *, id, plan, code, parent=defaults['parent'], title, text=defaults['text'], lead_unit=defaults['lead_unit'], assigned_units=HAS_FACTORY, status=defaults['status'], due=defaults['due'], completed_on=defaults['completed_on'], notes=HAS_FACTORY, attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['plan'] = plan
        values['code'] = code
        values['parent'] = parent
        values['title'] = title
        values['text'] = text
        values['lead_unit'] = lead_unit
        values['assigned_units'] = factory_assigned_units() if assigned_units is HAS_FACTORY else assigned_units
        values['status'] = status
        values['due'] = due
        values['completed_on'] = completed_on
        values['notes'] = factory_notes() if notes is HAS_FACTORY else notes
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, plan={self.plan!r}, code={self.code!r}, parent={self.parent!r}, title={self.title!r}, text={self.text!r}, lead_unit={self.lead_unit!r}, assigned_units={self.assigned_units!r}, status={self.status!r}, due={self.due!r}, completed_on={self.completed_on!r}, notes={self.notes!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.plan,self.code,self.parent,self.title,self.text,self.lead_unit,self.assigned_units,self.status,self.due,self.completed_on,self.notes,self.attachments,) == (other.id,other.plan,other.code,other.parent,other.title,other.text,other.lead_unit,other.assigned_units,other.status,other.due,other.completed_on,other.notes,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.plan,self.code,self.parent,self.title,self.text,self.lead_unit,self.assigned_units,self.status,self.due,self.completed_on,self.notes,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','plan','code','parent','title','text','lead_unit','assigned_units','status','due','completed_on','notes','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','plan','code','parent','title','text','lead_unit','assigned_units','status','due','completed_on','notes','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Period(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, id, plan, name, kind, due, starts_on=defaults['starts_on'], ends_on=defaults['ends_on']):
        values = self.__dict__
        values['id'] = id
        values['plan'] = plan
        values['name'] = name
        values['kind'] = kind
        values['due'] = due
        values['starts_on'] = starts_on
        values['ends_on'] = ends_on
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, plan={self.plan!r}, name={self.name!r}, kind={self.kind!r}, due={self.due!r}, starts_on={self.starts_on!r}, ends_on={self.ends_on!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.plan,self.name,self.kind,self.due,self.starts_on,self.ends_on,) == (other.id,other.plan,other.name,other.kind,other.due,other.starts_on,other.ends_on,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.plan,self.name,self.kind,self.due,self.starts_on,self.ends_on,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','plan','name','kind','due','starts_on','ends_on',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','plan','name','kind','due','starts_on','ends_on',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Figures(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, conferences=defaults['conferences'], conference_attendees=defaults['conference_attendees'], citizen_receptions=defaults['citizen_receptions'], citizens_received=defaults['citizens_received'], dialogues=defaults['dialogues'], petitions_received=defaults['petitions_received'], petitions_in_competence=defaults['petitions_in_competence'], petitions_resolved=defaults['petitions_resolved'], voter_recommendations_received=defaults['voter_recommendations_received'], voter_recommendations_resolved=defaults['voter_recommendations_resolved'], models_registered=defaults['models_registered'], models_recognised=defaults['models_recognised'], exemplary_persons=defaults['exemplary_persons'], commendations=defaults['commendations']):
        values = self.__dict__
        values['conferences'] = conferences
        values['conference_attendees'] = conference_attendees
        values['citizen_receptions'] = citizen_receptions
        values['citizens_received'] = citizens_received
        values['dialogues'] = dialogues
        values['petitions_received'] = petitions_received
        values['petitions_in_competence'] = petitions_in_competence
        values['petitions_resolved'] = petitions_resolved
        values['voter_recommendations_received'] = voter_recommendations_received
        values['voter_recommendations_resolved'] = voter_recommendations_resolved
        values['models_registered'] = models_registered
        values['models_recognised'] = models_recognised
        values['exemplary_persons'] = exemplary_persons
        values['commendations'] = commendations
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(conferences={self.conferences!r}, conference_attendees={self.conference_attendees!r}, citizen_receptions={self.citizen_receptions!r}, citizens_received={self.citizens_received!r}, dialogues={self.dialogues!r}, petitions_received={self.petitions_received!r}, petitions_in_competence={self.petitions_in_competence!r}, petitions_resolved={self.petitions_resolved!r}, voter_recommendations_received={self.voter_recommendations_received!r}, voter_recommendations_resolved={self.voter_recommendations_resolved!r}, models_registered={self.models_registered!r}, models_recognised={self.models_recognised!r}, exemplary_persons={self.exemplary_persons!r}, commendations={self.commendations!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.conferences,self.conference_attendees,self.citizen_receptions,self.citizens_received,self.dialogues,self.petitions_received,self.petitions_in_competence,self.petitions_resolved,self.voter_recommendations_received,self.voter_recommendations_resolved,self.models_registered,self.models_recognised,self.exemplary_persons,self.commendations,) == (other.conferences,other.conference_attendees,other.citizen_receptions,other.citizens_received,other.dialogues,other.petitions_received,other.petitions_in_competence,other.petitions_resolved,other.voter_recommendations_received,other.voter_recommendations_resolved,other.models_registered,other.models_recognised,other.exemplary_persons,other.commendations,)
        return NotImplemented
    def __hash__(self):
        return hash((self.conferences,self.conference_attendees,self.citizen_receptions,self.citizens_received,self.dialogues,self.petitions_received,self.petitions_in_competence,self.petitions_resolved,self.voter_recommendations_received,self.voter_recommendations_resolved,self.models_registered,self.models_recognised,self.exemplary_persons,self.commendations,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('conferences','conference_attendees','citizen_receptions','citizens_received','dialogues','petitions_received','petitions_in_competence','petitions_resolved','voter_recommendations_received','voter_recommendations_resolved','models_registered','models_recognised','exemplary_persons','commendations',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('conferences','conference_attendees','citizen_receptions','citizens_received','dialogues','petitions_received','petitions_in_competence','petitions_resolved','voter_recommendations_received','voter_recommendations_resolved','models_registered','models_recognised','exemplary_persons','commendations',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Report(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_figures = factories['figures']
    factory_narrative = factories['narrative']
    factory_attachments = factories['attachments']
    def __init__(self, *, id, status=defaults['status'], submitted_on=defaults['submitted_on'], document_number=defaults['document_number'], figures=HAS_FACTORY, narrative=HAS_FACTORY, reviewer=defaults['reviewer'], reviewed_on=defaults['reviewed_on'], review_note=defaults['review_note'], attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['status'] = status
        values['submitted_on'] = submitted_on
        values['document_number'] = document_number
        values['figures'] = factory_figures() if figures is HAS_FACTORY else figures
        values['narrative'] = factory_narrative() if narrative is HAS_FACTORY else narrative
        values['reviewer'] = reviewer
        values['reviewed_on'] = reviewed_on
        values['review_note'] = review_note
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, status={self.status!r}, submitted_on={self.submitted_on!r}, document_number={self.document_number!r}, figures={self.figures!r}, narrative={self.narrative!r}, reviewer={self.reviewer!r}, reviewed_on={self.reviewed_on!r}, review_note={self.review_note!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.status,self.submitted_on,self.document_number,self.figures,self.narrative,self.reviewer,self.reviewed_on,self.review_note,self.attachments,) == (other.id,other.status,other.submitted_on,other.document_number,other.figures,other.narrative,other.reviewer,other.reviewed_on,other.review_note,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.status,self.submitted_on,self.document_number,self.figures,self.narrative,self.reviewer,self.reviewed_on,self.review_note,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','status','submitted_on','document_number','figures','narrative','reviewer','reviewed_on','review_note','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','status','submitted_on','document_number','figures','narrative','reviewer','reviewed_on','review_note','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Model(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_attachments = factories['attachments']
    def __init__(self, *, id, kind, name, unit, person=defaults['person'], place=defaults['place'], sector, started_on=defaults['started_on'], description=defaults['description'], results=defaults['results'], households_benefiting=defaults['households_benefiting'], resources_mobilised=defaults['resources_mobilised'], recognition_level=defaults['recognition_level'], award=defaults['award'], attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['kind'] = kind
        values['name'] = name
        values['unit'] = unit
        values['person'] = person
        values['place'] = place
        values['sector'] = sector
        values['started_on'] = started_on
        values['description'] = description
        values['results'] = results
        values['households_benefiting'] = households_benefiting
        values['resources_mobilised'] = resources_mobilised
        values['recognition_level'] = recognition_level
        values['award'] = award
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, kind={self.kind!r}, name={self.name!r}, unit={self.unit!r}, person={self.person!r}, place={self.place!r}, sector={self.sector!r}, started_on={self.started_on!r}, description={self.description!r}, results={self.results!r}, households_benefiting={self.households_benefiting!r}, resources_mobilised={self.resources_mobilised!r}, recognition_level={self.recognition_level!r}, award={self.award!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.kind,self.name,self.unit,self.person,self.place,self.sector,self.started_on,self.description,self.results,self.households_benefiting,self.resources_mobilised,self.recognition_level,self.award,self.attachments,) == (other.id,other.kind,other.name,other.unit,other.person,other.place,other.sector,other.started_on,other.description,other.results,other.households_benefiting,other.resources_mobilised,other.recognition_level,other.award,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.kind,self.name,self.unit,self.person,self.place,self.sector,self.started_on,self.description,self.results,self.households_benefiting,self.resources_mobilised,self.recognition_level,self.award,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','kind','name','unit','person','place','sector','started_on','description','results','households_benefiting','resources_mobilised','recognition_level','award','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','kind','name','unit','person','place','sector','started_on','description','results','households_benefiting','resources_mobilised','recognition_level','award','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Summary(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_recipients = factories['recipients']
    factory_attachments = factories['attachments']
    def __init__(self, *, id, number=defaults['number'], symbol=defaults['symbol'], issued_on=defaults['issued_on'], subject=defaults['subject'], leadership=defaults['leadership'], strengths=defaults['strengths'], limitations=defaults['limitations'], causes=defaults['causes'], direction=defaults['direction'], proposals=defaults['proposals'], recipients=HAS_FACTORY, signature=defaults['signature'], attachments=HAS_FACTORY):
        values = self.__dict__
        values['id'] = id
        values['number'] = number
        values['symbol'] = symbol
        values['issued_on'] = issued_on
        values['subject'] = subject
        values['leadership'] = leadership
        values['strengths'] = strengths
        values['limitations'] = limitations
        values['causes'] = causes
        values['direction'] = direction
        values['proposals'] = proposals
        values['recipients'] = factory_recipients() if recipients is HAS_FACTORY else recipients
        values['signature'] = signature
        values['attachments'] = factory_attachments() if attachments is HAS_FACTORY else attachments
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, number={self.number!r}, symbol={self.symbol!r}, issued_on={self.issued_on!r}, subject={self.subject!r}, leadership={self.leadership!r}, strengths={self.strengths!r}, limitations={self.limitations!r}, causes={self.causes!r}, direction={self.direction!r}, proposals={self.proposals!r}, recipients={self.recipients!r}, signature={self.signature!r}, attachments={self.attachments!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.number,self.symbol,self.issued_on,self.subject,self.leadership,self.strengths,self.limitations,self.causes,self.direction,self.proposals,self.recipients,self.signature,self.attachments,) == (other.id,other.number,other.symbol,other.issued_on,other.subject,other.leadership,other.strengths,other.limitations,other.causes,other.direction,other.proposals,other.recipients,other.signature,other.attachments,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.number,self.symbol,self.issued_on,self.subject,self.leadership,self.strengths,self.limitations,self.causes,self.direction,self.proposals,self.recipients,self.signature,self.attachments,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','number','symbol','issued_on','subject','leadership','strengths','limitations','causes','direction','proposals','recipients','signature','attachments',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','number','symbol','issued_on','subject','leadership','strengths','limitations','causes','direction','proposals','recipients','signature','attachments',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_records_Review(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, id, reviewer, email=defaults['email'], signed_on, upto, commits=defaults['commits'], comment=defaults['comment']):
        values = self.__dict__
        values['id'] = id
        values['reviewer'] = reviewer
        values['email'] = email
        values['signed_on'] = signed_on
        values['upto'] = upto
        values['commits'] = commits
        values['comment'] = comment
        self.__post_init__()
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(id={self.id!r}, reviewer={self.reviewer!r}, email={self.email!r}, signed_on={self.signed_on!r}, upto={self.upto!r}, commits={self.commits!r}, comment={self.comment!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.id,self.reviewer,self.email,self.signed_on,self.upto,self.commits,self.comment,) == (other.id,other.reviewer,other.email,other.signed_on,other.upto,other.commits,other.comment,)
        return NotImplemented
    def __hash__(self):
        return hash((self.id,self.reviewer,self.email,self.signed_on,self.upto,self.commits,self.comment,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('id','reviewer','email','signed_on','upto','commits','comment',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('id','reviewer','email','signed_on','upto','commits','comment',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_schema_Issue(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_args = factories['args']
    def __init__(self, field, code, args=HAS_FACTORY):
        values = self.__dict__
        values['field'] = field
        values['code'] = code
        values['args'] = factory_args() if args is HAS_FACTORY else args
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(field={self.field!r}, code={self.code!r}, args={self.args!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.field,self.code,self.args,) == (other.field,other.code,other.args,)
        return NotImplemented
    def __hash__(self):
        return hash((self.field,self.code,self.args,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('field','code','args',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('field','code','args',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_settings_Settings(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, *, deadline_inclusive=defaults['deadline_inclusive'], require_signed_commits=defaults['require_signed_commits'], issuer=defaults['issuer'], place=defaults['place'], coordinator=defaults['coordinator'], letter_symbol=defaults['letter_symbol'], default_plan=defaults['default_plan'], attachment_limit_mb=defaults['attachment_limit_mb'], lfs_attachments=defaults['lfs_attachments'], format=defaults['format'], requires_dvtui=defaults['requires_dvtui'], practice_date=defaults['practice_date']):
        values = self.__dict__
        values['deadline_inclusive'] = deadline_inclusive
        values['require_signed_commits'] = require_signed_commits
        values['issuer'] = issuer
        values['place'] = place
        values['coordinator'] = coordinator
        values['letter_symbol'] = letter_symbol
        values['default_plan'] = default_plan
        values['attachment_limit_mb'] = attachment_limit_mb
        values['lfs_attachments'] = lfs_attachments
        values['format'] = format
        values['requires_dvtui'] = requires_dvtui
        values['practice_date'] = practice_date
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(deadline_inclusive={self.deadline_inclusive!r}, require_signed_commits={self.require_signed_commits!r}, issuer={self.issuer!r}, place={self.place!r}, coordinator={self.coordinator!r}, letter_symbol={self.letter_symbol!r}, default_plan={self.default_plan!r}, attachment_limit_mb={self.attachment_limit_mb!r}, lfs_attachments={self.lfs_attachments!r}, format={self.format!r}, requires_dvtui={self.requires_dvtui!r}, practice_date={self.practice_date!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.deadline_inclusive,self.require_signed_commits,self.issuer,self.place,self.coordinator,self.letter_symbol,self.default_plan,self.attachment_limit_mb,self.lfs_attachments,self.format,self.requires_dvtui,self.practice_date,) == (other.deadline_inclusive,other.require_signed_commits,other.issuer,other.place,other.coordinator,other.letter_symbol,other.default_plan,other.attachment_limit_mb,other.lfs_attachments,other.format,other.requires_dvtui,other.practice_date,)
        return NotImplemented
    def __hash__(self):
        return hash((self.deadline_inclusive,self.require_signed_commits,self.issuer,self.place,self.coordinator,self.letter_symbol,self.default_plan,self.attachment_limit_mb,self.lfs_attachments,self.format,self.requires_dvtui,self.practice_date,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('deadline_inclusive','require_signed_commits','issuer','place','coordinator','letter_symbol','default_plan','attachment_limit_mb','lfs_attachments','format','requires_dvtui','practice_date',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('deadline_inclusive','require_signed_commits','issuer','place','coordinator','letter_symbol','default_plan','attachment_limit_mb','lfs_attachments','format','requires_dvtui','practice_date',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_trailers_CommitMessage(cls, defaults, factories, HAS_FACTORY, FrozenError):
    factory_fields = factories['fields']
    factory_trailers = factories['trailers']
    def __init__(self, subject, record=defaults['record'], action=defaults['action'], fields=HAS_FACTORY, version=defaults['version'], trailers=HAS_FACTORY):
        values = self.__dict__
        values['subject'] = subject
        values['record'] = record
        values['action'] = action
        values['fields'] = factory_fields() if fields is HAS_FACTORY else fields
        values['version'] = version
        values['trailers'] = factory_trailers() if trailers is HAS_FACTORY else trailers
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(subject={self.subject!r}, record={self.record!r}, action={self.action!r}, fields={self.fields!r}, version={self.version!r}, trailers={self.trailers!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.subject,self.record,self.action,self.fields,self.version,self.trailers,) == (other.subject,other.record,other.action,other.fields,other.version,other.trailers,)
        return NotImplemented
    def __hash__(self):
        return hash((self.subject,self.record,self.action,self.fields,self.version,self.trailers,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('subject','record','action','fields','version','trailers',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('subject','record','action','fields','version','trailers',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_core_trailers_BatchEntry(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, record, title, action, changes):
        values = self.__dict__
        values['record'] = record
        values['title'] = title
        values['action'] = action
        values['changes'] = changes
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(record={self.record!r}, title={self.title!r}, action={self.action!r}, changes={self.changes!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.record,self.title,self.action,self.changes,) == (other.record,other.title,other.action,other.changes,)
        return NotImplemented
    def __hash__(self):
        return hash((self.record,self.title,self.action,self.changes,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('record','title','action','changes',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('record','title','action','changes',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_dirs_GitDirs(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, work_tree, git_dir, common_dir):
        values = self.__dict__
        values['work_tree'] = work_tree
        values['git_dir'] = git_dir
        values['common_dir'] = common_dir
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(work_tree={self.work_tree!r}, git_dir={self.git_dir!r}, common_dir={self.common_dir!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.work_tree,self.git_dir,self.common_dir,) == (other.work_tree,other.git_dir,other.common_dir,)
        return NotImplemented
    def __hash__(self):
        return hash((self.work_tree,self.git_dir,self.common_dir,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('work_tree','git_dir','common_dir',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('work_tree','git_dir','common_dir',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_locks_Holder(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, pid, command):
        values = self.__dict__
        values['pid'] = pid
        values['command'] = command
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(pid={self.pid!r}, command={self.command!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.pid,self.command,) == (other.pid,other.command,)
        return NotImplemented
    def __hash__(self):
        return hash((self.pid,self.command,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('pid','command',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('pid','command',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_log_FileChange(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, path, old_blob, new_blob):
        values = self.__dict__
        values['path'] = path
        values['old_blob'] = old_blob
        values['new_blob'] = new_blob
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(path={self.path!r}, old_blob={self.old_blob!r}, new_blob={self.new_blob!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.path,self.old_blob,self.new_blob,) == (other.path,other.old_blob,other.new_blob,)
        return NotImplemented
    def __hash__(self):
        return hash((self.path,self.old_blob,self.new_blob,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('path','old_blob','new_blob',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('path','old_blob','new_blob',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_log_Commit(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, sha, parents, author, email, when, message, files=defaults['files'], signature=defaults['signature']):
        values = self.__dict__
        values['sha'] = sha
        values['parents'] = parents
        values['author'] = author
        values['email'] = email
        values['when'] = when
        values['message'] = message
        values['files'] = files
        values['signature'] = signature
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(sha={self.sha!r}, parents={self.parents!r}, author={self.author!r}, email={self.email!r}, when={self.when!r}, message={self.message!r}, files={self.files!r}, signature={self.signature!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.sha,self.parents,self.author,self.email,self.when,self.message,self.files,self.signature,) == (other.sha,other.parents,other.author,other.email,other.when,other.message,other.files,other.signature,)
        return NotImplemented
    def __hash__(self):
        return hash((self.sha,self.parents,self.author,self.email,self.when,self.message,self.files,self.signature,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('sha','parents','author','email','when','message','files','signature',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('sha','parents','author','email','when','message','files','signature',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_repo_MadeCommit(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, sha, index, parent=defaults['parent'], changed=defaults['changed']):
        values = self.__dict__
        values['sha'] = sha
        values['index'] = index
        values['parent'] = parent
        values['changed'] = changed
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(sha={self.sha!r}, index={self.index!r}, parent={self.parent!r}, changed={self.changed!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.sha,self.index,self.parent,self.changed,) == (other.sha,other.index,other.parent,other.changed,)
        return NotImplemented
    def __hash__(self):
        return hash((self.sha,self.index,self.parent,self.changed,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('sha','index','parent','changed',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('sha','index','parent','changed',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_repo_Identity(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, name, email):
        values = self.__dict__
        values['name'] = name
        values['email'] = email
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(name={self.name!r}, email={self.email!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.name,self.email,) == (other.name,other.email,)
        return NotImplemented
    def __hash__(self):
        return hash((self.name,self.email,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('name','email',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('name','email',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_git_repo_WorkingState(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, uncommitted, upstream, ahead, behind):
        values = self.__dict__
        values['uncommitted'] = uncommitted
        values['upstream'] = upstream
        values['ahead'] = ahead
        values['behind'] = behind
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(uncommitted={self.uncommitted!r}, upstream={self.upstream!r}, ahead={self.ahead!r}, behind={self.behind!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.uncommitted,self.upstream,self.ahead,self.behind,) == (other.uncommitted,other.upstream,other.ahead,other.behind,)
        return NotImplemented
    def __hash__(self):
        return hash((self.uncommitted,self.upstream,self.ahead,self.behind,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('uncommitted','upstream','ahead','behind',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('uncommitted','upstream','ahead','behind',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_services_history_RecordChange(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, record, action, changes):
        values = self.__dict__
        values['record'] = record
        values['action'] = action
        values['changes'] = changes
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(record={self.record!r}, action={self.action!r}, changes={self.changes!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.record,self.action,self.changes,) == (other.record,other.action,other.changes,)
        return NotImplemented
    def __hash__(self):
        return hash((self.record,self.action,self.changes,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('record','action','changes',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('record','action','changes',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


def make_services_history_LogEntry(cls, defaults, factories, HAS_FACTORY, FrozenError):
    def __init__(self, sha, parents, author, email, when, subject, message, records):
        values = self.__dict__
        values['sha'] = sha
        values['parents'] = parents
        values['author'] = author
        values['email'] = email
        values['when'] = when
        values['subject'] = subject
        values['message'] = message
        values['records'] = records
    @recursive_repr()
    def __repr__(self):
        return self.__class__.__qualname__ + f"(sha={self.sha!r}, parents={self.parents!r}, author={self.author!r}, email={self.email!r}, when={self.when!r}, subject={self.subject!r}, message={self.message!r}, records={self.records!r})"
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.sha,self.parents,self.author,self.email,self.when,self.subject,self.message,self.records,) == (other.sha,other.parents,other.author,other.email,other.when,other.subject,other.message,other.records,)
        return NotImplemented
    def __hash__(self):
        return hash((self.sha,self.parents,self.author,self.email,self.when,self.subject,self.message,self.records,))
    def __setattr__(self, name, value):
        if type(self) is cls or name in ('sha','parents','author','email','when','subject','message','records',):
            raise FrozenError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    def __delattr__(self, name):
        if type(self) is cls or name in ('sha','parents','author','email','when','subject','message','records',):
            raise FrozenError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__


MAKERS = {
    'dvtui.core.changes.Change': ('field old new', make_core_changes_Change),
    'dvtui.core.facts.PeriodSummary': ('period total on_time late missing overdue returned approved missing_units', make_core_facts_PeriodSummary),
    'dvtui.core.facts.TargetProgress': ('key achieved total target_percent', make_core_facts_TargetProgress),
    'dvtui.core.limits.Exceeded': ('code args', make_core_limits_Exceeded),
    'dvtui.core.records.Record': ('id*', make_core_records_Record),
    'dvtui.core.records.Attachment': ('name* sha256* size* added_on* added_by* __post_init__', make_core_records_Attachment),
    'dvtui.core.records.LegalBasis': ('kind* number* issued_on=* issuer* title=*', make_core_records_LegalBasis),
    'dvtui.core.records.Signature': ('authority* title* signer*', make_core_records_Signature),
    'dvtui.core.records.Targets': ('coordination_regulation_percent=* models_per_unit=* exemplary_persons_per_unit=*', make_core_records_Targets),
    'dvtui.core.records.Plan': ('id* year* title* issuer* place* symbol* number=* issued_day=* issued_month=* issued_year* preamble=* purposes()* reporting=* follow_up=* closing=* recipients()* report_to()* targets()* signature=* legal_bases()* attachments()*', make_core_records_Plan),
    'dvtui.core.records.Contact': ('person=* phone=* email=*', make_core_records_Contact),
    'dvtui.core.records.Regulation': ('document_number=* signed_on=*', make_core_records_Regulation),
    'dvtui.core.records.Unit': ('id* name* kind* gso_code=* contact=* coordination_regulation=* retired_on=* attachments()*', make_core_records_Unit),
    'dvtui.core.records.Note': ('on* author* text*', make_core_records_Note),
    'dvtui.core.records.Task': ('id* plan* code* parent=* title* text=* lead_unit=* assigned_units()* status=* due=* completed_on=* notes()* attachments()* __post_init__', make_core_records_Task),
    'dvtui.core.records.Period': ('id* plan* name* kind* due* starts_on=* ends_on=*', make_core_records_Period),
    'dvtui.core.records.Figures': ('conferences=* conference_attendees=* citizen_receptions=* citizens_received=* dialogues=* petitions_received=* petitions_in_competence=* petitions_resolved=* voter_recommendations_received=* voter_recommendations_resolved=* models_registered=* models_recognised=* exemplary_persons=* commendations=* __post_init__', make_core_records_Figures),
    'dvtui.core.records.Report': ('id* status=* submitted_on=* document_number=* figures()* narrative()* reviewer=* reviewed_on=* review_note=* attachments()* __post_init__', make_core_records_Report),
    'dvtui.core.records.Model': ('id* kind* name* unit* person=* place=* sector* started_on=* description=* results=* households_benefiting=* resources_mobilised=* recognition_level=* award=* attachments()* __post_init__', make_core_records_Model),
    'dvtui.core.records.Summary': ('id* number=* symbol=* issued_on=* subject=* leadership=* strengths=* limitations=* causes=* direction=* proposals=* recipients()* signature=* attachments()*', make_core_records_Summary),
    'dvtui.core.records.Review': ('id* reviewer* email=* signed_on* upto* commits=* comment=* __post_init__', make_core_records_Review),
    'dvtui.core.schema.Issue': ('field code args()', make_core_schema_Issue),
    'dvtui.core.settings.Settings': ('deadline_inclusive=* require_signed_commits=* issuer=* place=* coordinator=* letter_symbol=* default_plan=* attachment_limit_mb=* lfs_attachments=* format=* requires_dvtui=* practice_date=*', make_core_settings_Settings),
    'dvtui.core.trailers.CommitMessage': ('subject record= action= fields() version= trailers()', make_core_trailers_CommitMessage),
    'dvtui.core.trailers.BatchEntry': ('record title action changes', make_core_trailers_BatchEntry),
    'dvtui.git.dirs.GitDirs': ('work_tree git_dir common_dir', make_git_dirs_GitDirs),
    'dvtui.git.locks.Holder': ('pid command', make_git_locks_Holder),
    'dvtui.git.log.FileChange': ('path old_blob new_blob', make_git_log_FileChange),
    'dvtui.git.log.Commit': ('sha parents author email when message files= signature=', make_git_log_Commit),
    'dvtui.git.repo.MadeCommit': ('sha index parent= changed=', make_git_repo_MadeCommit),
    'dvtui.git.repo.Identity': ('name email', make_git_repo_Identity),
    'dvtui.git.repo.WorkingState': ('uncommitted upstream ahead behind', make_git_repo_WorkingState),
    'dvtui.services.history.RecordChange': ('record action changes', make_services_history_RecordChange),
    'dvtui.services.history.LogEntry': ('sha parents author email when subject message records', make_services_history_LogEntry),
}
